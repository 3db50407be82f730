import NorthstarCore

/// The last stage of every ranking pass, `rank` and the daemon alike: stream the outputs to
/// temporaries, append the change-log entry, then put the outputs in place — with one policy
/// when something fails: an output whose change the log does not hold is never put in place.
public enum RankingPublisher {
    /// What a published pass wrote.
    public struct Published: Sendable {
        /// Every output, and whether it got new bytes.
        public var written: [OutputWriter.Written]
        /// The change-log entry appended (nil: the ranking did not change).
        public var logged: ChangeSet?
        /// How long the change log took on another core while the outputs streamed (`--timings`).
        public var alongsideMilliseconds: Double?
    }

    /// Why a pass could not be published. Nothing was replaced in either case; the caller
    /// retries (the daemon) or fails (`rank`).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong.
        public var error: ShellError
        /// Whether it was the change-log entry that could not be appended (else an output).
        public var inChangeLog: Bool
        /// Whether the change-log entry was appended before the outputs failed: the new ranking
        /// is then the change log's baseline, and a retry must not log it twice.
        public var entryAppended: Bool

        /// The error, saying when it was the change log's.
        public var description: String { (inChangeLog ? "change log: " : "") + error.description }
    }

    /// Publishes `evaluation`: its outputs (ranked items' lines from `lines`), and the entry
    /// from `baseline` to `snapshot`, triggered by `kind` on `files`. `phase` is told when each
    /// step ends, for `--timings`.
    public static func publish(_ evaluation: Evaluation, lines: ItemLineSource, snapshot: RankingSnapshot,
                               baseline: ChangeRecorder.Baseline, kind: ChangeTrigger.Kind, files: [String],
                               phase: (String) -> Void = { _ in }) throws(Failure) -> Published {
        let outcome = ChangeRecorder.stageAndRecord(evaluation, lines: lines, snapshot: snapshot, baseline: baseline,
                                                    kind: kind, files: files, phase: phase)
        var logged: ChangeSet?
        switch outcome.logged {
        case .success(let change)?:
            logged = change
        case .failure(let error)?:
            try? outcome.staged.get().discard()
            throw Failure(error: error, inChangeLog: true, entryAppended: false)
        case nil:
            break
        }
        let appended = outcome.logged != nil
        do throws(ShellError) {
            let written = try outcome.staged.get().commit()
            phase("commit")
            return Published(written: written, logged: logged, alongsideMilliseconds: outcome.alongsideMilliseconds)
        } catch {
            throw Failure(error: error, inChangeLog: false, entryAppended: appended)
        }
    }
}
