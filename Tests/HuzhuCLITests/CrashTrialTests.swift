import Foundation
import Glibc
import GRDB
import HuzhuCore
import HuzhuTestSupport
import Testing

/// The short version of `scripts/torture`: `huzhu` SIGKILLed during big
/// writes — `huzhu import members` of 50,000 rows, a `huzhu run` of 4,000 —
/// before and after their commit and at fixed delays, and a scheduled job
/// killed mid-run. After each kill the database is intact, the
/// write is all there or not at all, the ledger and `huzhu doctor` pass and
/// the next command works.
@Suite("Crash trials", .serialized)
struct CrashTrialTests {
    /// targets.set calls per Lua run: a target row and an audit row each.
    static let calls = 2_000
    /// Members in the imported file (one audit row for the file).
    static let members = 50_000

    /// `huzhu init`, the units of `huzhu export sample`, the scripts and jobs;
    /// made once, copied for each trial.
    static let base: Result<(Scratch, URL), Error> = Result {
        let scratch = try Scratch()
        func huzhu(_ arguments: [String], in folder: URL) throws {
            let result = try CLI.run(arguments, in: folder)
            guard result.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: ["stderr": result.stderr]) }
        }
        try huzhu(["export", "sample", "--members", "\(CrashTrialTests.members)", "--seed", "1", "--out", "data"], in: scratch.url)
        try huzhu(["init", "ws", "--operator", "torture"], in: scratch.url)
        let ws = scratch.url.appendingPathComponent("ws")
        try huzhu(["import", "units", "../data/units.csv"], in: ws)
        try scratch.write("ws/scripts/crash-write.lua", CrashTrialTests.writeScript)
        try scratch.write("ws/scripts/crash-next.lua", CrashTrialTests.nextScript)
        let toml = ws.appendingPathComponent("huzhu.toml")
        let text = try String(contentsOf: toml, encoding: .utf8) + "\n" + CrashTrialTests.jobs + "\n"
        try Data(text.utf8).write(to: toml)
        return (scratch, scratch.url.appendingPathComponent("data/members.csv"))
    }

    /// Writes `...` targets (every unit × plan (and all plans) × year from
    /// 1900 on); then, with a second argument "hold", prints 8 KiB (so the
    /// stdio buffer reaches the pipe: the test sees the writes are done) and
    /// spins without committing.
    static let writeScript = """
        local want = math.tointeger(tonumber((...)))
        local units, plans = {}, {false}
        for u in huzhu.units.each() do units[#units + 1] = u.code end
        for p in huzhu.plans.each() do plans[#plans + 1] = p.code end
        local n, year = 0, 1900
        while n < want do
          for _, unit in ipairs(units) do
            for _, plan in ipairs(plans) do
              if n == want then break end
              huzhu.targets.set{unit = unit, year = year, plan = plan or nil, members = n % 1000, contributions = n}
              n = n + 1
            end
          end
          year = year + 1
        end
        if select(2, ...) == "hold" then
          print(string.rep("x", 8192))
          while true do end
        end
        print("wrote " .. n .. " targets")
        """

    static let nextScript = """
        local u = huzhu.units.each()()
        huzhu.targets.set{unit = u.code, year = 9999, members = 1, contributions = 1}
        print("ok")
        """

    static let jobs = """
        [[jobs]]
        name = "crash-write"
        script = "scripts/crash-write.lua"
        cron = "0 3 * * *"
        args = ["\(calls)", "hold"]
        """

    /// A tiny workspace with the scripts, and its row counts before any write.
    final class Trial {
        let scratch: Scratch
        let url: URL
        let membersCSV: String
        var databasePath: String { url.appendingPathComponent("huzhu.db").path }
        private(set) var before: [String: Int] = [:]
        init() throws {
            let (base, csv) = try CrashTrialTests.base.get()
            scratch = try Scratch()
            url = scratch.url.appendingPathComponent("ws")
            try FileManager.default.copyItem(at: base.url.appendingPathComponent("ws"), to: url)
            membersCSV = csv.path
            before = try counts()
        }

        /// A connection that waits for a writer's lock (the import being watched
        /// may hold it exclusively for a moment) instead of failing at once.
        static func open(_ path: String) throws -> DatabaseQueue {
            var configuration = Configuration()
            configuration.busyMode = .timeout(30)
            return try DatabaseQueue(path: path, configuration: configuration)
        }

        /// Every table's row count but the run log's.
        func counts() throws -> [String: Int] {
            try Trial.open(databasePath).read { db in
                let tables = try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'jobRun'
                    """)
                var counts: [String: Int] = [:]
                for table in tables { counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"") ?? 0 }
                return counts
            }
        }

        /// `huzhu ARGS` in the workspace, standard error to a file. With
        /// `fullStdout`, standard output is a pipe already full and never read:
        /// the process blocks at its first write reaching it (its final flush,
        /// after the commit). Otherwise the pipe is returned to be read.
        func launch(_ arguments: [String], fullStdout: Bool) throws -> (Process, Pipe) {
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = arguments
            process.currentDirectoryURL = url
            let out = Pipe()
            if fullStdout { Self.fill(out) }
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            return (process, out)
        }

        /// Writes into the pipe until the next write would block.
        static func fill(_ pipe: Pipe) {
            let fd = pipe.fileHandleForWriting.fileDescriptor
            let flags = fcntl(fd, F_GETFL)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
            let chunk = [UInt8](repeating: 0x2E, count: 4096)
            while chunk.withUnsafeBytes({ Glibc.write(fd, $0.baseAddress, $0.count) }) > 0 {}
            _ = fcntl(fd, F_SETFL, flags)
        }

        /// SIGKILLs the process; expects it died of the signal.
        func kill(_ process: Process) {
            #expect(process.isRunning, "the process ended before the kill")
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
        }

        /// Waits until the committed data has `added` more rows than before.
        func waitForCommit(added: Int, timeout: TimeInterval = 15) throws {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                let now = try counts()
                if now.values.reduce(0, +) - before.values.reduce(0, +) >= added { return }
                Thread.sleep(forTimeInterval: 0.05)
            }
            Issue.record("the run did not commit within \(timeout) s")
        }

        /// After a kill: the database is intact, the write all there (`all`)
        /// or none of it, the ledger, doctor and the next command pass.
        /// Returns the rows the write left.
        @discardableResult
        func check(whole: [String: Int], expectAll: Bool?) throws -> Int {
            let integrity = try Trial.open(databasePath).read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            #expect(integrity == ["ok"])
            let now = try counts()
            let added = now.values.reduce(0, +) - before.values.reduce(0, +)
            let changed = now.filter { before[$0.key] != $0.value }
            let all = now.allSatisfy { $0.value == (before[$0.key] ?? 0) + (whole[$0.key] ?? 0) }
            #expect(changed.isEmpty || all, "a partial write survived: \(changed) (before \(before))")
            if let expectAll { #expect(expectAll ? all : changed.isEmpty) }
            let ledger = try CLI.run(["ledger", "check"], in: url)
            #expect(ledger.status == 0, "\(ledger.stdout)\(ledger.stderr)")
            let doctor = try CLI.run(["doctor"], in: url)
            #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
            let next = try CLI.run(["run", "scripts/crash-next.lua"], in: url)
            #expect(next.status == 0 && next.stdout == "ok\n", "\(next.stdout)\(next.stderr)")
            return added
        }
    }

    static let wholeRun = ["target": calls, "auditLog": calls]
    static let wholeImport = ["member": members, "audit": 1]

    @Test("huzhu run killed before the commit, with every row written: none of them")
    func beforeCommit() throws {
        let trial = try Trial()
        let (process, out) = try trial.launch(["run", "scripts/crash-write.lua", "\(Self.calls)", "hold"], fullStdout: false)
        _ = out.fileHandleForReading.availableData   // the 8 KiB after the writes: they are done, not committed
        trial.kill(process)
        try trial.check(whole: Self.wholeRun, expectAll: false)
    }

    @Test("huzhu import members killed after the commit, before the process ended: all of them")
    func afterCommit() throws {
        let trial = try Trial()
        let (process, _) = try trial.launch(["import", "members", trial.membersCSV], fullStdout: true)
        try trial.waitForCommit(added: Self.members + 1)
        Thread.sleep(forTimeInterval: 0.1)
        trial.kill(process)   // blocked in its final flush
        try trial.check(whole: Self.wholeImport, expectAll: true)
    }

    @Test("huzhu import members killed at fixed delays: all or none", arguments: [0.3, 0.8])
    func fixedDelay(seconds: Double) throws {
        let trial = try Trial()
        let (process, _) = try trial.launch(["import", "members", trial.membersCSV], fullStdout: true)
        Thread.sleep(forTimeInterval: seconds)
        trial.kill(process)
        try trial.check(whole: Self.wholeImport, expectAll: nil)
    }

    @Test("a scheduled job killed mid-run: running until the next schedule command marks it interrupted, nothing written")
    func scheduledJob() throws {
        let trial = try Trial()
        let (process, out) = try trial.launch(["schedule", "run", "crash-write"], fullStdout: false)
        _ = out.fileHandleForReading.availableData   // the writes are done, not committed
        let pid = process.processIdentifier
        trial.kill(process)
        let status = { try Trial.open(trial.databasePath).read { db in
            try String.fetchAll(db, sql: "SELECT status FROM jobRun WHERE job = 'crash-write'") } }
        #expect(try status() == ["running"])
        let stale = try CLI.run(["doctor"], in: trial.url)
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("FAIL  jobs"), "\(stale.stdout)")
        let log = try CLI.run(["schedule", "log", "crash-write"], in: trial.url)
        #expect(log.status == 0)
        #expect(log.stdout.hasPrefix("crash-write: run 1 (by hand) interrupted: the scheduler process (pid \(pid) on "),
                "\(log.stdout)")
        #expect(try status() == ["interrupted"])
        try trial.check(whole: Self.wholeRun, expectAll: false)
    }
}
