/// Which version of the backlog and config `northstar diff` reads.
public enum Revision: Sendable, Equatable {
    /// The files as they are on disk now (committed or not).
    case workTree
    /// The files as a commit holds them (its full name), read from git objects.
    case commit(String)
}
