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
        /// What each output cost to render and flush.
        public var costs: [OutputWriter.Cost]
        /// The outputs' previous versions, when the caller asked to let them go itself.
        public var replaced = AtomicFile.Replaced()
    }

    /// Why a pass could not be published. A change log that could not be appended replaced
    /// nothing; an output that could not be staged or put in place says what it left as it was.
    /// The caller retries (the daemon) or fails (`rank`).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong.
        public var error: ShellError
        /// Whether it was the change-log entry that could not be appended (else an output).
        public var inChangeLog: Bool
        /// Whether the change log has dealt with the new ranking (its entry appended, or none
        /// was due) before the outputs failed: the new ranking is then the change log's
        /// baseline, and a retry must not log it twice.
        public var baselineAdvanced: Bool

        /// The error, saying when it was the change log's.
        public var description: String { (inChangeLog ? "change log: " : "") + error.description }
    }

    /// Publishes `evaluation`: its outputs (ranked items' lines from `lines`), and the entry
    /// from `baseline` to `snapshot`, triggered by `kind` on `files`. For `--timings`, `phase`
    /// is told when each step ends and `alongside` how long the change log took on another core
    /// while the outputs streamed. With `keepingReplaced`, the outputs' previous versions are
    /// left for the caller to remove (`Published.replaced`), once the new ones are announced.
    public static func publish(_ evaluation: Evaluation, lines: ItemLineSource, snapshot: RankingSnapshot,
                               baseline: ChangeRecorder.Baseline, kind: ChangeTrigger.Kind, files: [String],
                               keepingReplaced: Bool = false,
                               phase: (String) -> Void = { _ in }, alongside: (Double) -> Void = { _ in }) throws(Failure) -> Published {
        let outcome = ChangeRecorder.stageAndRecord(evaluation, lines: lines, snapshot: snapshot, baseline: baseline,
                                                    kind: kind, files: files, phase: phase)
        var logged: ChangeSet?
        switch outcome.logged {
        case .success(let change)?:
            logged = change
        case .failure(let error)?:
            try? outcome.staged.get().discard()
            throw Failure(error: error, inChangeLog: true, baselineAdvanced: false)
        case nil:
            break
        }
        let appended = outcome.logged != nil
        // Recorded before the commit, so the timings read in the order the work was done.
        if let ms = outcome.alongsideMilliseconds { alongside(ms) }
        do throws(ShellError) {
            let batch = try outcome.staged.get()
            let (written, replaced) = try batch.commit(keepingReplaced: keepingReplaced)
            phase("commit")
            return Published(written: written, logged: logged, costs: batch.costs, replaced: replaced)
        } catch {
            throw Failure(error: error, inChangeLog: false, baselineAdvanced: appended)
        }
    }
}
