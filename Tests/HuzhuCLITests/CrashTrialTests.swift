import Foundation
import Glibc
import GRDB
import HuzhuCore
import HuzhuTestSupport
import Testing

/// The short version of `scripts/torture`: `huzhu` SIGKILLed during a big
/// write (50,000 rows in one run), before and after its commit, and a
/// scheduled job killed mid-run. After each kill the database is intact, the
/// write is all there or not at all, the ledger and `huzhu doctor` pass and
/// the next command works.
@Suite("Crash trials", .serialized)
struct CrashTrialTests {
    /// targets.set calls per run: a target row and an audit row each.
    static let calls = 25_000

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
        huzhu.targets.set{unit = "BH", year = 9999, members = 1, contributions = 1}
        print(huzhu.members.count())
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
        let ws: TinyWorkspace
        let before: [String: Int]
        init() throws {
            ws = try TinyWorkspace()
            try FileManager.default.createDirectory(at: ws.url.appendingPathComponent("scripts"), withIntermediateDirectories: true)
            try ws.write("scripts/crash-write.lua", CrashTrialTests.writeScript)
            try ws.write("scripts/crash-next.lua", CrashTrialTests.nextScript)
            let toml = ws.url.appendingPathComponent("huzhu.toml")
            let text = try String(contentsOf: toml, encoding: .utf8) + "\n" + CrashTrialTests.jobs + "\n"
            try Data(text.utf8).write(to: toml)
            before = try counts()
        }

        /// Every table's row count but the run log's.
        func counts() throws -> [String: Int] {
            try DatabaseQueue(path: ws.databasePath).read { db in
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
            process.currentDirectoryURL = ws.url
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
        func check(expectAll: Bool?) throws -> Int {
            let integrity = try DatabaseQueue(path: ws.databasePath).read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            #expect(integrity == ["ok"])
            let now = try counts()
            let added = now.values.reduce(0, +) - before.values.reduce(0, +)
            let changed = now.filter { before[$0.key] != $0.value }
            let all = added == 2 * CrashTrialTests.calls
                && changed.keys.sorted() == ["auditLog", "target"]
                && changed["target"] == (before["target"] ?? 0) + CrashTrialTests.calls
            #expect(changed.isEmpty || all, "a partial write survived: \(changed) (before \(before))")
            if let expectAll { #expect(expectAll ? all : changed.isEmpty) }
            let ledger = try CLI.run(["ledger", "check"], in: ws.url)
            #expect(ledger.status == 0, "\(ledger.stdout)\(ledger.stderr)")
            let doctor = try CLI.run(["doctor"], in: ws.url)
            #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
            let next = try CLI.run(["run", "scripts/crash-next.lua"], in: ws.url)
            #expect(next.status == 0 && next.stdout == "5\n", "\(next.stdout)\(next.stderr)")
            return added
        }
    }

    @Test("killed before the commit, with every row written: none of them")
    func beforeCommit() throws {
        let trial = try Trial()
        let (process, out) = try trial.launch(["run", "scripts/crash-write.lua", "\(Self.calls)", "hold"], fullStdout: false)
        _ = out.fileHandleForReading.availableData   // the 8 KiB after the writes: they are done, not committed
        trial.kill(process)
        try trial.check(expectAll: false)
    }

    @Test("killed after the commit, before the process ended: all of them")
    func afterCommit() throws {
        let trial = try Trial()
        let (process, _) = try trial.launch(["run", "scripts/crash-write.lua", "\(Self.calls)"], fullStdout: true)
        try trial.waitForCommit(added: 2 * Self.calls)
        Thread.sleep(forTimeInterval: 0.1)
        trial.kill(process)   // blocked in its final flush
        try trial.check(expectAll: true)
    }

    @Test("killed at fixed delays: all or none", arguments: [0.3, 0.9])
    func fixedDelay(seconds: Double) throws {
        let trial = try Trial()
        let (process, _) = try trial.launch(["run", "scripts/crash-write.lua", "\(Self.calls)"], fullStdout: true)
        Thread.sleep(forTimeInterval: seconds)
        trial.kill(process)
        try trial.check(expectAll: nil)
    }

    @Test("a scheduled job killed mid-run: running until the next schedule command marks it interrupted, nothing written")
    func scheduledJob() throws {
        let trial = try Trial()
        let (process, out) = try trial.launch(["schedule", "run", "crash-write"], fullStdout: false)
        _ = out.fileHandleForReading.availableData   // the writes are done, not committed
        let pid = process.processIdentifier
        trial.kill(process)
        let status = { try DatabaseQueue(path: trial.ws.databasePath).read { db in
            try String.fetchAll(db, sql: "SELECT status FROM jobRun WHERE job = 'crash-write'") } }
        #expect(try status() == ["running"])
        let stale = try CLI.run(["doctor"], in: trial.ws.url)
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("FAIL  jobs"), "\(stale.stdout)")
        let log = try CLI.run(["schedule", "log", "crash-write"], in: trial.ws.url)
        #expect(log.status == 0)
        #expect(log.stdout.hasPrefix("crash-write: run 1 (by hand) interrupted: the scheduler process (pid \(pid) on "),
                "\(log.stdout)")
        #expect(try status() == ["interrupted"])
        try trial.check(expectAll: false)
    }
}
