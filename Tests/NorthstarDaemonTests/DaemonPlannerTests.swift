@testable import NorthstarDaemon
import Testing

@Suite("The daemon's decisions, without a process")
struct DaemonPlannerTests {
    typealias Plan = DaemonPlanner.Plan

    static func plan(_ batch: [DaemonInput], exists: Bool = true, missing: Bool = false) -> (Plan, DaemonPlanner.State) {
        var state = DaemonPlanner.State()
        state.backlogMissing = missing
        return DaemonPlanner.plan(batch, backlogFolderExists: exists, state: state)
    }

    @Test("edits and folder changes: read the files named, walk the tree only when folders changed")
    func edits() {
        let (p, next) = Self.plan([.fileChanged("/b/a.yaml"), .fileChanged("/b/c.yaml"), .fileChanged("/b/a.yaml")])
        #expect(p == Plan(files: ["/b/a.yaml", "/b/c.yaml"]))
        #expect(!p.fullScan && !p.countsAsRescan && !next.backlogMissing)
        let (folders, _) = Self.plan([.folderAppeared("/b/new"), .fileChanged("/b/new/x.yaml"), .folderGone("/b/old")])
        #expect(folders == Plan(files: ["/b/new/x.yaml"], walkTree: true))
    }

    @Test("a stop wins over everything else in the batch, and changes nothing remembered")
    func stop() {
        let (p, next) = Self.plan([.fileChanged("/b/a.yaml"), .reload, .stop(signal: "SIGTERM"), .configChanged], exists: false, missing: true)
        #expect(p == Plan(stop: "SIGTERM"))
        #expect(next.backlogMissing, "state untouched")
    }

    @Test("reloads: SIGHUP names itself even after a config edit; an edit alone says so")
    func reloads() {
        #expect(Self.plan([.configChanged]).0 == Plan(reload: .fileChanged))
        #expect(Self.plan([.configChanged, .reload, .configChanged]).0 == Plan(reload: .signal))
        #expect(Self.plan([.reload, .fileChanged("/b/a.yaml")]).0 == Plan(reload: .signal, files: ["/b/a.yaml"]))
    }

    @Test("rescans: every reason once, in a stable order; only lost events are warned about", arguments: [
        ([DaemonInput.rescan(reason: .periodic)], [RescanReason.periodic], [RescanReason]()),
        ([.rescan(reason: .queueOverflow), .rescan(reason: .queueOverflow), .fileChanged("/b/a.yaml")], [.queueOverflow], [.queueOverflow]),
        ([.rescan(reason: .periodic), .rescan(reason: .backlogFolderReplaced)], [.backlogFolderReplaced, .periodic], [.backlogFolderReplaced]),
    ])
    func rescans(batch: [DaemonInput], reasons: [RescanReason], warnings: [RescanReason]) {
        let (p, _) = Self.plan(batch)
        #expect(p.rescan == reasons)
        #expect(p.fullScan && p.countsAsRescan)
        #expect(p.warnings == warnings)
    }

    @Test("watching degraded: said once with its reason, and a rescan because events may be missing")
    func degraded() {
        let (p, _) = Self.plan([.watchDegraded(reason: "the inotify watch limit is reached")])
        #expect(p.degraded == "the inotify watch limit is reached")
        #expect(p.rescan == [.watchingIncomplete] && p.warnings == [.watchingIncomplete])
    }

    @Test("the backlog folder: lost is said once and nothing is read; back means watch and read everything")
    func backlogFolder() {
        let (lost, missing) = Self.plan([.fileChanged("/b/a.yaml"), .rescan(reason: .backlogFolderReplaced)], exists: false)
        #expect(lost.folder == .lost)
        #expect(lost.files.isEmpty && lost.reload == nil && !lost.walkTree, "nothing to read while it is gone")
        #expect(missing.backlogMissing)
        let (still, stillMissing) = DaemonPlanner.plan([.rescan(reason: .periodic)], backlogFolderExists: false, state: missing)
        #expect(still.folder == .stillMissing, "lost is said once")
        #expect(stillMissing.backlogMissing)
        let (back, after) = DaemonPlanner.plan([.rescan(reason: .periodic)], backlogFolderExists: true, state: stillMissing)
        #expect(back.folder == .back)
        #expect(back.rescan == [.periodic, .backlogFolderBack] && back.fullScan)
        #expect(back.warnings.isEmpty, "a folder coming back is news of its own, not a warning")
        #expect(!after.backlogMissing)
        // Coming back on its own is no lost event: the rescan metric does not count it.
        let (backAlone, _) = DaemonPlanner.plan([], backlogFolderExists: true, state: stillMissing)
        #expect(backAlone.fullScan && !backAlone.countsAsRescan)
    }

    @Test("the backlog folder replaced while it was never seen missing: watch the one now there and read it all")
    func backlogFolderReplaced() {
        let (p, next) = Self.plan([.fileChanged("/b/a.yaml"), .rescan(reason: .backlogFolderReplaced)])
        #expect(p.folder == .replaced)
        #expect(p.rescan == [.backlogFolderReplaced] && p.fullScan && p.warnings == [.backlogFolderReplaced])
        #expect(!next.backlogMissing)
        // Seen missing before: it is back, which watches it again as well.
        let (_, missing) = Self.plan([.rescan(reason: .backlogFolderReplaced)], exists: false)
        let (back, _) = DaemonPlanner.plan([.rescan(reason: .backlogFolderReplaced)], backlogFolderExists: true, state: missing)
        #expect(back.folder == .back)
        // Other rescans leave the folder alone.
        #expect(Self.plan([.rescan(reason: .queueOverflow)]).0.folder == nil)
    }

    @Test("while the backlog folder is missing, a reload is still carried out (it may move the backlog), and degradation is kept for later")
    func missingFolderReloadAndDegrade() {
        let (lost, missing) = Self.plan([.reload, .watchDegraded(reason: "limit")], exists: false)
        #expect(lost.folder == .lost && lost.reload == .signal && lost.degraded == "limit")
        let (still, _) = DaemonPlanner.plan([.configChanged], backlogFolderExists: false, state: missing)
        #expect(still.folder == .stillMissing && still.reload == .fileChanged)
    }

    @Test("an empty batch has nothing to do")
    func empty() {
        let (p, _) = Self.plan([])
        #expect(p == Plan() && !p.fullScan && !p.countsAsRescan)
    }
}
