#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// Turns SIGHUP into a reload and SIGTERM/SIGINT into a stop, posted to the inbox from a
/// dispatch queue (never from inside a signal handler).
final class SignalSources {
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "northstar.signals")

    init(inbox: DaemonInbox) {
        let table: [(Int32, DaemonInput)] = [
            (SIGHUP, .reload),
            (SIGTERM, .stop(signal: "SIGTERM")),
            (SIGINT, .stop(signal: "SIGINT")),
        ]
        for (number, input) in table {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { inbox.post(input) }
            source.resume()
            sources.append(source)
        }
        // A closed pipe on stdout or stderr must not kill the daemon.
        signal(SIGPIPE, SIG_IGN)
    }
}
