import Foundation
import GRDB
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import Testing

/// A workspace on disk (tiny city, huzhu.toml, scripts) for the scheduler.
final class ScheduleFixture {
    let folder: TemporaryDirectory
    var root: URL { folder.url }
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    /// - Parameter jobs: `[[jobs]]` tables (TOML text) appended to huzhu.toml.
    init(jobs: String, scripts: [String: String]) throws {
        folder = try TemporaryDirectory()
        try TinyCity.make(path: folder.path("huzhu.db"))
        let toml = """
            operator = "调度员"
            today = "2026-09-30"
            [limits]
            max_instructions = 0
            timeout = 60

            \(jobs)
            """
        try Data(toml.utf8).write(to: root.appendingPathComponent("huzhu.toml"))
        for (path, text) in scripts {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// A scheduler with connections of its own (as another process would have).
    func scheduler() throws -> Scheduler {
        try Scheduler(workspace: try Workspace(at: root))
    }

    /// A wall-clock time in Shanghai.
    func at(_ text: String) -> Date {
        let parts = text.split(separator: " ")
        let clock = parts[1].split(separator: ":").map { Int($0)! }
        return ZonedTime.instant(of: CivilDate(String(parts[0]))!, hour: clock[0], minute: clock[1], in: shanghai)
            .addingTimeInterval(Double(clock.count > 2 ? clock[2] : 0))
    }

    func runs() throws -> [JobRun] {
        try DatabaseQueue(path: folder.path("huzhu.db")).read { db in try JobRun.order(JobRun.Columns.id).fetchAll(db) }
    }

    func count(_ table: String) throws -> Int {
        try DatabaseQueue(path: folder.path("huzhu.db")).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    /// Logs a finished scheduled run, as an earlier scheduler would have.
    func logRun(_ job: String, scheduled: String) throws {
        let database = try HuzhuDatabase(path: folder.path("huzhu.db"))
        try database.write { db in
            _ = try JobRunLog.claim(db, JobRun(job: job, trigger: .schedule, scheduledAt: at(scheduled), startedAt: at(scheduled),
                                               endedAt: at(scheduled), status: .succeeded))
        }
    }

    /// Waits until a run of the job is logged `running`.
    func waitUntilRunning(_ job: String, timeout: TimeInterval = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try runs().contains(where: { $0.job == job && $0.status == .running }) { return }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw CocoaError(.coderValueNotFound)
    }
}

/// Runs `body` on another thread; `wait()` returns its result.
final class Background<T>: @unchecked Sendable {
    private var result: Result<T, Error>?
    private let done = DispatchSemaphore(value: 0)

    /// The body crosses to the other thread as it is: a test hands it state it
    /// no longer touches until ``wait()``.
    private struct Body: @unchecked Sendable { let run: () throws -> T }

    init(_ body: @escaping () throws -> T) {
        let body = Body(run: body)
        Thread {
            self.result = Result { try body.run() }
            self.done.signal()
        }.start()
    }

    func wait() throws -> T {
        done.wait()
        return try result!.get()
    }
}

let nightlyJob = """
    [[jobs]]
    name = "nightly"
    script = "scripts/jobs/nightly.lua"
    cron = "0 2 * * *"
    args = ["BH"]
    """
let nightlyScript = "print('ran for', ...)\n"

@Suite("Scheduler: run-due after a gap, per catch-up policy", .serialized)
struct SchedulerRunDueTests {
    @Test("catch_up none: the missed days are one skipped row, today's run (30 s late) runs")
    func catchUpNone() throws {
        let fixture = try ScheduleFixture(jobs: nightlyJob, scripts: ["scripts/jobs/nightly.lua": nightlyScript])
        try fixture.logRun("nightly", scheduled: "2026-09-27 02:00")
        let scheduler = try fixture.scheduler()
        let rows = try scheduler.runDue(now: fixture.at("2026-09-30 02:00:30"))
        #expect(rows.map(\.status) == [.skipped, .succeeded])
        #expect(rows[0].scheduledDate == fixture.at("2026-09-29 02:00"))
        #expect(rows[0].message == "missed 2 scheduled times from 2026-09-28 02:00 +08:00 to 2026-09-29 02:00 +08:00 (catch_up = \"none\")")
        let run = rows[1]
        #expect(run.scheduledDate == fixture.at("2026-09-30 02:00"))
        #expect(run.trigger == .schedule)
        #expect(run.message == "no changes")
        #expect(run.outputTail == "ran for\tBH\n")
        #expect(run.scriptName == "scripts/jobs/nightly.lua")
        #expect(run.scriptSHA256 == ScriptRunner.sha256(nightlyScript))
        #expect(run.operatorName == "调度员")
        #expect(run.pid == Int64(getpid()))
        #expect(run.endedAt != nil)
        // Checked again at the same moment: nothing more is due.
        #expect(try scheduler.runDue(now: fixture.at("2026-09-30 02:00:40")).isEmpty)
        #expect(try fixture.runs().count == 3)   // the earlier run, the skipped row, today's run
    }

    @Test("catch_up none: when the latest time is a minute old, everything missed is skipped and nothing runs")
    func catchUpNoneLate() throws {
        let fixture = try ScheduleFixture(jobs: nightlyJob, scripts: ["scripts/jobs/nightly.lua": nightlyScript])
        try fixture.logRun("nightly", scheduled: "2026-09-27 02:00")
        let rows = try fixture.scheduler().runDue(now: fixture.at("2026-09-30 09:00"))
        #expect(rows.map(\.status) == [.skipped])
        #expect(rows[0].scheduledDate == fixture.at("2026-09-30 02:00"))
        #expect(rows[0].message == "missed 3 scheduled times from 2026-09-28 02:00 +08:00 to 2026-09-30 02:00 +08:00 (catch_up = \"none\")")
    }

    @Test("catch_up once: one run stands for the three missed days")
    func catchUpOnce() throws {
        let fixture = try ScheduleFixture(jobs: nightlyJob + "\ncatch_up = \"once\"", scripts: ["scripts/jobs/nightly.lua": nightlyScript])
        try fixture.logRun("nightly", scheduled: "2026-09-27 02:00")
        let rows = try fixture.scheduler().runDue(now: fixture.at("2026-09-30 09:00"))
        #expect(rows.map(\.status) == [.succeeded])
        #expect(rows[0].scheduledDate == fixture.at("2026-09-30 02:00"))
        #expect(rows[0].message == "catching up: one run for 3 scheduled times from 2026-09-28 02:00 +08:00 to 2026-09-30 02:00 +08:00 (catch_up = \"once\"); no changes")
    }

    @Test("disabled jobs are not run by run-due")
    func disabled() throws {
        let fixture = try ScheduleFixture(jobs: nightlyJob + "\nenabled = false", scripts: ["scripts/jobs/nightly.lua": nightlyScript])
        #expect(try fixture.scheduler().runDue(now: fixture.at("2026-09-30 02:00:10")).isEmpty)
    }
}

@Suite("Scheduler: a run is one transaction", .serialized)
struct SchedulerTransactionTests {
    let enrollJob = """
        [[jobs]]
        name = "enroll"
        script = "scripts/jobs/enroll.lua"
        cron = "0 2 * * *"
        output = "reports/{job}-{date}.txt"
        """

    @Test("a successful run commits its writes with its log row and saves its output")
    func success() throws {
        let fixture = try ScheduleFixture(jobs: enrollJob, scripts: [
            "scripts/jobs/enroll.lua": "print(huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}.enrolled)",
        ])
        let rows = try fixture.scheduler().runDue(now: fixture.at("2026-09-30 02:00:05"))
        #expect(rows.map(\.status) == [.succeeded])
        #expect(rows[0].message == "changes: bill 1 added, enrollmentBatch 1 added, ledgerEntry 3 added, policy 3 added; output saved to reports/enroll-2026-09-30.txt")
        #expect(try fixture.count("policy") == 3)
        let saved = try String(contentsOf: fixture.root.appendingPathComponent("reports/enroll-2026-09-30.txt"), encoding: .utf8)
        #expect(saved == "3\n")
        // Audited as the operator, with the script and its hash.
        let audit = try DatabaseQueue(path: fixture.folder.path("huzhu.db")).read { db in
            try Row.fetchOne(db, sql: "SELECT operator, scriptName, scriptSHA256 FROM audit WHERE tableName = 'policy' LIMIT 1")
        }
        #expect(audit?["operator"] == "调度员")
        #expect(audit?["scriptName"] == "scripts/jobs/enroll.lua")
        #expect(audit?["scriptSHA256"] == rows[0].scriptSHA256)
    }

    @Test("a failing run leaves nothing but its failed row, and saves no output")
    func failure() throws {
        let fixture = try ScheduleFixture(jobs: enrollJob, scripts: [
            "scripts/jobs/enroll.lua": "print('before')\nhuzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}\nerror('boom')\n",
        ])
        let rows = try fixture.scheduler().runDue(now: fixture.at("2026-09-30 02:00:05"))
        #expect(rows.map(\.status) == [.failed])
        #expect(rows[0].message?.hasPrefix("scripts/jobs/enroll.lua:3: boom\nstack traceback:") == true)
        #expect(rows[0].outputTail == "before\n")
        #expect(try fixture.count("policy") == 0)
        #expect(try fixture.count("enrollmentBatch") == 0)
        let reports = (try? FileManager.default.contentsOfDirectory(atPath: fixture.root.appendingPathComponent("reports").path)) ?? []
        #expect(reports.isEmpty)
    }

    @Test("a missing script is a failed run naming it")
    func missingScript() throws {
        let fixture = try ScheduleFixture(jobs: enrollJob, scripts: [:])
        let rows = try fixture.scheduler().runDue(now: fixture.at("2026-09-30 02:00:05"))
        #expect(rows.map(\.status) == [.failed])
        #expect(rows[0].message == "the script scripts/jobs/enroll.lua does not exist")
    }

    @Test("a job script that is a symbolic link to a file outside the workspace is refused, not run")
    func symlinkedScript() throws {
        let fixture = try ScheduleFixture(jobs: enrollJob, scripts: [:])
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("huzhu-outside-\(UUID().uuidString).lua")
        try Data("huzhu.units.create{code = 'ZZ', name = 'x', kind = 'district', parent = 'FED'}\n".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        let link = fixture.root.appendingPathComponent("scripts/jobs/enroll.lua")
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: outside)
        let units = try fixture.count("unit")
        let rows = try fixture.scheduler().runDue(now: fixture.at("2026-09-30 02:00:05"))
        #expect(rows.map(\.status) == [.failed])
        #expect(rows[0].message == "the script scripts/jobs/enroll.lua leads outside the workspace (a symbolic link); "
                + "copy the script into scripts/ instead")
        #expect(try fixture.count("unit") == units)
    }

    @Test("a job's output under a reports/ folder that is a symbolic link out of the workspace is refused; nothing is written there")
    func symlinkedReports() throws {
        let fixture = try ScheduleFixture(jobs: """
            [[jobs]]
            name = "snap"
            script = "scripts/jobs/snap.lua"
            cron = "0 2 * * *"
            output = "reports/{job}-{date}.txt"
            """, scripts: ["scripts/jobs/snap.lua": "print(huzhu.members.count())\n"])
        let outside = try TemporaryDirectory()
        try FileManager.default.createSymbolicLink(at: fixture.root.appendingPathComponent("reports"), withDestinationURL: outside.url)
        let scheduler = try fixture.scheduler()
        let row = try #require(try scheduler.runNow(scheduler.job(named: "snap")!, now: fixture.at("2026-09-30 10:00")))
        #expect(row.status == .failed)
        #expect(row.message == "cannot write the output of snap: the output reports/snap-2026-09-30.txt leads outside the workspace "
                + "(reports is a symbolic link to \(outside.url.resolvingSymlinksInPath().path)); make reports/ a folder inside the workspace")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.url.path) == [])
    }

    @Test("a job's output is named by the business date (today in huzhu.toml), not the wall clock's")
    func outputNamedByBusinessDate() throws {
        let fixture = try ScheduleFixture(jobs: """
            [[jobs]]
            name = "snap"
            script = "scripts/jobs/snap.lua"
            cron = "0 2 * * *"
            output = "reports/{job}-{date}.txt"
            """, scripts: ["scripts/jobs/snap.lua": "print('on ' .. huzhu.today())\n"])
        let scheduler = try fixture.scheduler()
        let row = try #require(try scheduler.runNow(scheduler.job(named: "snap")!, now: fixture.at("2026-12-08 10:00")))
        #expect(row.status == .succeeded, "\(row.message ?? "")")
        #expect(row.message == "no changes; output saved to reports/snap-2026-09-30.txt")
        let text = try String(contentsOf: fixture.root.appendingPathComponent("reports/snap-2026-09-30.txt"), encoding: .utf8)
        #expect(text == "on 2026-09-30\n")
    }

    @Test("the job's timeout and arguments apply")
    func timeout() throws {
        let fixture = try ScheduleFixture(jobs: """
            [[jobs]]
            name = "spin"
            script = "scripts/jobs/spin.lua"
            cron = "* * * * *"
            timeout = 0.2
            """, scripts: ["scripts/jobs/spin.lua": "while true do end\n"])
        let rows = try fixture.scheduler().runDue(now: fixture.at("2026-09-30 02:00:05"))
        #expect(rows.map(\.status) == [.failed])
        #expect(rows[0].message?.hasPrefix("scripts/jobs/spin.lua:1: timeout of 0.2 seconds exceeded") == true)
    }

    @Test("a stop request (SIGTERM) interrupts the run: rolled back, logged interrupted")
    func stopped() throws {
        let fixture = try ScheduleFixture(jobs: """
            [[jobs]]
            name = "slow"
            script = "scripts/jobs/slow.lua"
            cron = "0 2 * * *"
            """, scripts: ["scripts/jobs/slow.lua": "huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}\nwhile true do end\n"])
        let scheduler = try fixture.scheduler()
        let run = Background { try scheduler.runNow(scheduler.job(named: "slow")!, now: fixture.at("2026-09-30 10:00")) }
        try fixture.waitUntilRunning("slow")
        scheduler.stop.request("SIGTERM")
        let row = try #require(try run.wait())
        #expect(row.status == .interrupted)
        #expect(row.trigger == .manual)
        #expect(row.scheduledAt == nil)
        // The stop may land before the script's first line (its environment being made) or in the loop.
        #expect(row.message == "interrupted by SIGTERM (scripts/jobs/slow.lua:2: cancelled); its writes were rolled back"
            || row.message == "interrupted by SIGTERM (cancelled); its writes were rolled back", "\(row.message ?? "")")
        #expect(try fixture.count("policy") == 0)
    }
}

@Suite("Scheduler: overlap between two schedulers, and crashed runs", .serialized)
struct SchedulerOverlapTests {
    /// A job that runs every minute and takes about a second.
    func fixture(overlap: String) throws -> ScheduleFixture {
        try ScheduleFixture(jobs: """
            [[jobs]]
            name = "busy"
            script = "scripts/jobs/busy.lua"
            cron = "* * * * *"
            overlap = "\(overlap)"
            """, scripts: ["scripts/jobs/busy.lua": "local t = os.clock()\nwhile os.clock() - t < 1 do end\nprint('done')\n"])
    }

    @Test("overlap skip: a due run while the previous one holds the lock is logged skipped")
    func skip() throws {
        let fixture = try fixture(overlap: "skip")
        let first = try fixture.scheduler(), second = try fixture.scheduler()
        let a = Background { try first.runDue(now: fixture.at("2026-09-30 02:00:05")) }
        try fixture.waitUntilRunning("busy")
        let b = try second.runDue(now: fixture.at("2026-09-30 02:01:05"))
        let aRows = try a.wait()
        #expect(aRows.map(\.status) == [.succeeded])
        #expect(b.map(\.status) == [.skipped])
        #expect(b[0].scheduledDate == fixture.at("2026-09-30 02:01"))
        #expect(b[0].message == "run 1 (scheduled 2026-09-30 02:00 +08:00, pid \(getpid())) was still running (overlap = \"skip\")")
    }

    @Test("overlap queue: the due run waits for the previous one, then runs")
    func queue() throws {
        let fixture = try fixture(overlap: "queue")
        let first = try fixture.scheduler(), second = try fixture.scheduler()
        let a = Background { try first.runDue(now: fixture.at("2026-09-30 02:00:05")) }
        try fixture.waitUntilRunning("busy")
        let b = try second.runDue(now: fixture.at("2026-09-30 02:01:05"))
        let aRows = try a.wait()
        #expect(aRows.map(\.status) == [.succeeded])
        #expect(b.map(\.status) == [.succeeded])
        #expect(b[0].scheduledDate == fixture.at("2026-09-30 02:01"))
        let (aEnd, bStart) = (try #require(aRows[0].endedDate), try #require(b[0].startedDate))
        #expect(bStart >= aEnd)
    }

    @Test("two schedulers checking at the same moment run a scheduled time once", arguments: ["skip", "queue"])
    func sameTime(overlap: String) throws {
        let fixture = try fixture(overlap: overlap)
        let first = try fixture.scheduler(), second = try fixture.scheduler()
        let now = fixture.at("2026-09-30 02:00:05")
        let a = Background { try first.runDue(now: now) }
        let b = Background { try second.runDue(now: now) }
        let rows = try a.wait() + b.wait()
        #expect(rows.map(\.status) == [.succeeded])
        #expect(try fixture.runs().count == 1)
    }

    @Test("a run left running by a dead process is marked interrupted; a live one is not")
    func crashed() throws {
        let fixture = try fixture(overlap: "skip")
        let database = try HuzhuDatabase(path: fixture.folder.path("huzhu.db"))
        try database.write { db in
            for job in ["busy", "alive"] {
                _ = try JobRunLog.claim(db, JobRun(job: job, trigger: .schedule, scheduledAt: fixture.at("2026-09-30 01:00"),
                                                   startedAt: fixture.at("2026-09-30 01:00"), status: .running,
                                                   pid: 999_999, host: "union-server"))
            }
        }
        // "alive" is held by a live scheduler (here: this test), "busy" by no one.
        let held = try #require(try JobLock.tryAcquire(job: "alive", in: fixture.root.appendingPathComponent(".locks")))
        defer { held.release() }
        let scheduler = try fixture.scheduler()
        let marked = try scheduler.recover(now: fixture.at("2026-09-30 02:00"))
        #expect(marked.map(\.job) == ["busy"])
        let runs = try fixture.runs()
        #expect(runs.map(\.status) == [.interrupted, .running])
        #expect(runs[0].message == "the scheduler process (pid 999999 on union-server) ended during the run; its writes were rolled back")
    }
}

@Suite("Scheduler: the daemon loop", .serialized)
struct SchedulerDaemonTests {
    @Test("the daemon sleeps until the next due time, runs the job, and stops when asked")
    func daemon() throws {
        let fixture = try ScheduleFixture(jobs: """
            [[jobs]]
            name = "minutely"
            script = "scripts/jobs/m.lua"
            cron = "* * * * *"
            """, scripts: ["scripts/jobs/m.lua": "print('tick')\n"])
        try fixture.logRun("minutely", scheduled: "2026-09-30 01:59")
        let scheduler = try fixture.scheduler()
        // 01:59 has run; the clock starts 0.3 s before 02:00 and runs at real speed.
        let due = fixture.at("2026-09-30 02:00"), started = Date()
        let clock = { due.addingTimeInterval(-0.3 + Date().timeIntervalSince(started)) }
        var records: [JobRun] = []
        scheduler.onRecord = { row in
            records.append(row)
            scheduler.stop.request("test")
        }
        var reloads = 0
        try scheduler.runDaemon(reload: { reloads += 1; return nil }, now: clock)
        #expect(records.map(\.status) == [.succeeded])
        #expect(records.first?.scheduledDate == due)
        #expect(reloads == 1)
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
