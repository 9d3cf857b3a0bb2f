import Foundation
import GRDB
import HuzhuCore
import HuzhuTestSupport
import Testing

extension TinyWorkspace {
    /// Appends TOML (say, `[[jobs]]` tables) to the workspace's huzhu.toml.
    func appendConfig(_ text: String) throws {
        let url = self.url.appendingPathComponent("huzhu.toml")
        let old = try String(contentsOf: url, encoding: .utf8)
        try Data((old + "\n" + text + "\n").utf8).write(to: url)
    }

    /// Waits until the run log holds a `running` row.
    func waitForRunningJob(timeout: TimeInterval = 20) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let running = (try? DatabaseQueue(path: databasePath).read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobRun WHERE status = 'running'") ?? 0
            }) ?? 0
            if running > 0 { return }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
}

/// A job whose script enrolls a unit, then loops until stopped.
let slowJob = """
    [[jobs]]
    name = "slow"
    script = "scripts/jobs/slow.lua"
    cron = "0 3 * * *"
    """
let slowScript = "huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}\nwhile true do end\n"

@Suite("huzhu schedule", .serialized)
struct ScheduleCommandTests {
    @Test("list shows each stock job, disabled, with its next three runs in its zone")
    func list() throws {
        let ws = try TinyWorkspace()
        let result = try CLI.run(["schedule", "list", "--now", "2026-09-30T10:00:00+08:00"], in: ws.url)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            overdue-claims  disabled
              script  scripts/jobs/overdue-claims.lua
              cron    0 7 * * *  (Asia/Shanghai; overlap skip, catch-up none)
              args    30
              output  reports/overdue-claims-{date}.txt
              next    2026-10-01 07:00 +08:00
                      2026-10-02 07:00 +08:00
                      2026-10-03 07:00 +08:00
              last    never run

            membership-snapshot  disabled
              script  scripts/jobs/membership-snapshot.lua
              cron    30 1 * * *  (Asia/Shanghai; overlap skip, catch-up none)
              output  reports/membership-snapshot-{date}.txt
              next    2026-10-01 01:30 +08:00
                      2026-10-02 01:30 +08:00
                      2026-10-03 01:30 +08:00
              last    never run

            participation-by-district  disabled
              script  scripts/jobs/participation-by-district.lua
              cron    0 2 1 * *  (Asia/Shanghai; overlap skip, catch-up once)
              output  reports/participation-{date}.txt
              next    2026-10-01 02:00 +08:00
                      2026-11-01 02:00 +08:00
                      2026-12-01 02:00 +08:00
              last    never run

            target-progress  disabled
              script  scripts/jobs/target-progress.lua
              cron    0 6 1 * *  (Asia/Shanghai; overlap skip, catch-up once)
              args    html
              output  reports/target-progress-{date}.html
              next    2026-10-01 06:00 +08:00
                      2026-11-01 06:00 +08:00
                      2026-12-01 06:00 +08:00
              last    never run

            half-year-appraisal  disabled
              script  scripts/jobs/half-year-appraisal.lua
              cron    0 3 1 7 *  (Asia/Shanghai; overlap skip, catch-up once)
              args    district,county,industry
              output  reports/half-year-appraisal-{date}.txt
              next    2027-07-01 03:00 +08:00
                      2028-07-01 03:00 +08:00
                      2029-07-01 03:00 +08:00
              last    never run

            """)
    }

    @Test("a bad [[jobs]] table is reported exactly, every problem at once")
    func badConfig() throws {
        let ws = try TinyWorkspace()
        try ws.appendConfig("""
            [[jobs]]
            name = "nightly"
            script = "scripts/jobs/a.lua"
            cron = "61 2 * * *"
            [[jobs]]
            name = "nightly"
            script = "scripts/jobs/b.lua"
            cron = "0 2 * * *"
            catch_up = "always"
            """)
        let result = try CLI.run(["schedule", "list"], in: ws.url)
        let toml = ws.url.appendingPathComponent("huzhu.toml").standardizedFileURL.path
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            huzhu: \(toml): jobs[6].cron: minute field "61" out of range 0-59
            \(toml): jobs[7].catch_up: expected "none" or "once", got "always"
            \(toml): jobs[7].name: "nightly" is already the name of jobs[6]

            """)
    }

    @Test("the stock jobs run by hand write their reports under reports/")
    func stockJobs() throws {
        let ws = try TinyWorkspace()
        try ws.write("enroll.lua", "huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}")
        #expect(try CLI.run(["run", "enroll.lua"], in: ws.url).status == 0)
        let today = "2026-09-30"   // the business date fixed in huzhu.toml names the outputs

        let snapshot = try CLI.run(["schedule", "run", "membership-snapshot"], in: ws.url)
        let snapshotText = """
            Membership snapshot, business date 2026-09-30, plan year 2026

            district\tname\tactive\thardship\tretired\tleft\tpolicies
            BH\t包河区\t3\t1\t0\t0\t3
            LY\t庐阳区\t2\t0\t0\t0\t0
            total\t\t5\t1\t0\t0\t3

            plan\tname\tpolicies\tcontributions (yuan)
            ACC\t意外伤害\t3\t78.00
            FEM\t女职工特殊疾病\t0\t0.00

            """
        #expect(snapshot.status == 0)
        #expect(snapshot.stdout == snapshotText)
        #expect(snapshot.stderr == "membership-snapshot: run 1 (by hand) succeeded: no changes; output saved to reports/membership-snapshot-\(today).txt\n")
        let saved = try String(contentsOf: ws.url.appendingPathComponent("reports/membership-snapshot-\(today).txt"), encoding: .utf8)
        #expect(saved == snapshotText)

        let participation = try CLI.run(["schedule", "run", "participation-by-district"], in: ws.url)
        #expect(participation.status == 0)
        #expect(participation.stdout == """
            Participation by district, plan year 2026, as of 2026-09-30

            district\tname\temployees\tenrolled\trate
            BH\t包河区\t4\t3\t75.0%
            LY\t庐阳区\t2\t0\t0.0%
            total\t\t6\t3\t50.0%

            """)
        #expect(FileManager.default.fileExists(atPath: ws.url.appendingPathComponent("reports/participation-\(today).txt").path))
    }

    @Test("run-due runs what is due, logs a gap as one skipped row, and is silent when nothing is due")
    func runDue() throws {
        let ws = try TinyWorkspace()
        try ws.appendConfig("""
            [[jobs]]
            name = "tick"
            script = "scripts/jobs/tick.lua"
            cron = "0 2 * * *"
            args = ["a", "b"]
            """)
        try ws.write("scripts/jobs/tick.lua", "print('tick', ...)")
        let first = try CLI.run(["schedule", "run-due", "--now", "2026-09-30T02:00:20+08:00"], in: ws.url)
        #expect(first.status == 0)
        #expect(first.stdout == "tick: run 1 (scheduled 2026-09-30 02:00 +08:00) succeeded: no changes\n")
        #expect(first.stderr == "")
        let again = try CLI.run(["schedule", "run-due", "--now", "2026-09-30T02:00:40+08:00"], in: ws.url)
        #expect(again.status == 0)
        #expect(again.stdout == "")
        let gap = try CLI.run(["schedule", "run-due", "--now", "2026-10-03T09:00:00+08:00"], in: ws.url)
        #expect(gap.status == 0)
        #expect(gap.stdout == "tick: run 2 (scheduled 2026-10-03 02:00 +08:00) skipped: missed 3 scheduled times from 2026-10-01 02:00 +08:00 to 2026-10-03 02:00 +08:00 (catch_up = \"none\")\n")

        let log = try CLI.run(["schedule", "log"], in: ws.url)
        #expect(log.status == 0)
        let lines = log.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("RUN  JOB   SCHEDULED                STARTED"))
        #expect(lines[0].hasSuffix("TOOK  STATUS     MESSAGE"))
        #expect(lines[1].hasPrefix("  2  tick  2026-10-03 02:00 +08:00  "))
        #expect(lines[1].hasSuffix("skipped    missed 3 scheduled times from 2026-10-01 02:00 +08:00 to 2026-10-03 02:…"))
        #expect(lines[2].hasPrefix("  1  tick  2026-09-30 02:00 +08:00  "))
        #expect(lines[2].hasSuffix("succeeded  no changes"))

        let detail = try CLI.run(["schedule", "log", "--run", "1"], in: ws.url)
        let detailLines = detail.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(detailLines.prefix(3) == ["run 1 of tick (scheduled)", "status     succeeded", "scheduled  2026-09-30 02:00 +08:00"])
        #expect(detailLines.contains("operator   王会计"))
        #expect(detailLines.suffix(3) == ["output (last 4 KiB):", "tick\ta\tb", ""])
        let none = try CLI.run(["schedule", "log", "membership-snapshot"], in: ws.url)
        #expect(none.stdout == "no runs of membership-snapshot in the log\n")
    }

    @Test("a failing job makes run-due exit 1; run by hand it prints the traceback")
    func failing() throws {
        let ws = try TinyWorkspace()
        try ws.appendConfig("""
            [[jobs]]
            name = "broken"
            script = "scripts/jobs/broken.lua"
            cron = "0 2 * * *"
            """)
        try ws.write("scripts/jobs/broken.lua", "error('no data')")
        let due = try CLI.run(["schedule", "run-due", "--now", "2026-09-30T02:00:05+08:00"], in: ws.url)
        #expect(due.status == 1)
        #expect(due.stdout == "broken: run 1 (scheduled 2026-09-30 02:00 +08:00) failed: scripts/jobs/broken.lua:1: no data\n")
        let byHand = try CLI.run(["schedule", "run", "broken"], in: ws.url)
        #expect(byHand.status == 1)
        #expect(byHand.stderr.hasPrefix("broken: run 2 (by hand) failed: scripts/jobs/broken.lua:1: no data\nstack traceback:\n"))
        let unknown = try CLI.run(["schedule", "run", "nope"], in: ws.url)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "huzhu: no job named \"nope\" in huzhu.toml; jobs: overdue-claims, membership-snapshot, participation-by-district, target-progress, half-year-appraisal, broken\n")
    }

    @Test("SIGTERM interrupts a job run by hand: rolled back, logged interrupted, exit 130")
    func sigterm() throws {
        let ws = try TinyWorkspace()
        try ws.appendConfig(slowJob)
        try ws.write("scripts/jobs/slow.lua", slowScript)
        let result = try CLI.run(["schedule", "run", "slow"], in: ws.url) { process in
            ws.waitForRunningJob()
            process.terminate()
        }
        #expect(result.status == 130)
        // The signal may land while the run's environment is still being made, or in the loop:
        // the message names the script's line, or no line, never the sandbox's own code.
        #expect(result.stderr == "slow: run 1 (by hand) interrupted: interrupted by SIGTERM (scripts/jobs/slow.lua:2: cancelled); its writes were rolled back\n"
            || result.stderr == "slow: run 1 (by hand) interrupted: interrupted by SIGTERM (cancelled); its writes were rolled back\n",
            "\(result.stderr)")
        #expect(try ws.count("policy") == 0)
    }

    @Test("a job killed mid-run is marked interrupted by the next schedule command, its writes gone")
    func killed() throws {
        let ws = try TinyWorkspace()
        try ws.appendConfig(slowJob)
        try ws.write("scripts/jobs/slow.lua", slowScript)
        var pid: Int32 = 0
        let result = try CLI.run(["schedule", "run", "slow"], in: ws.url) { process in
            ws.waitForRunningJob()
            pid = process.processIdentifier
            kill(pid, SIGKILL)
        }
        #expect(result.status == 9)   // killed by the signal
        let log = try CLI.run(["schedule", "log", "slow"], in: ws.url)
        #expect(log.status == 0)
        let lines = log.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "slow: run 1 (by hand) interrupted: the scheduler process (pid \(pid) on \(ProcessInfo.processInfo.hostName)) ended during the run; its writes were rolled back")
        #expect(lines.last?.contains("interrupted  the scheduler process") == true)
        #expect(try ws.count("policy") == 0)
        // The lock went with the process: the job runs again.
        try ws.write("scripts/jobs/slow.lua", "print('ok')")
        #expect(try CLI.run(["schedule", "run", "slow"], in: ws.url).stdout == "ok\n")
    }

    @Test("the daemon stops cleanly on SIGTERM")
    func daemon() throws {
        let ws = try TinyWorkspace()
        let result = try CLI.run(["schedule", "daemon"], in: ws.url) { process in
            Thread.sleep(forTimeInterval: 1.5)
            process.terminate()
        }
        #expect(result.status == 0)
        #expect(result.stdout == "huzhu schedule daemon: 0 enabled jobs; stop with SIGTERM or Ctrl-C\nhuzhu schedule daemon: stopped (SIGTERM)\n")
    }

    @Test("the daemon survives a job whose process crashes: the run is marked interrupted and the next job runs")
    func daemonSurvivesCrash() throws {
        let ws = try TinyWorkspace()
        try ws.appendConfig(slowJob)
        try ws.appendConfig("""
            [[jobs]]
            name = "tick"
            script = "scripts/jobs/tick.lua"
            cron = "0 3 * * *"
            """)
        try ws.write("scripts/jobs/slow.lua", slowScript)
        try ws.write("scripts/jobs/tick.lua", "print('tick ran')")
        var crashed: Int32 = 0
        let result = try CLI.run(["schedule", "daemon", "--now", "2026-09-30T02:59:59+08:00"], in: ws.url) { process in
            ws.waitForRunningJob()
            crashed = Int32((try? DatabaseQueue(path: ws.databasePath).read { db in
                try Int.fetchOne(db, sql: "SELECT pid FROM jobRun WHERE status = 'running'")
            }) ?? 0)
            if crashed > 0 { kill(crashed, SIGKILL) }   // the job's process dies (as when the kernel ends it)
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline, (try? ws.count("jobRun WHERE job = 'tick' AND status = 'succeeded'")) != 1 {
                Thread.sleep(forTimeInterval: 0.05)
            }
            process.terminate()
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(crashed != 0)
        #expect(result.stdout.contains("huzhu schedule daemon: the process running due jobs (pid \(crashed)) crashed (signal 9); going on"),
                "\(result.stdout)")
        #expect(result.stdout.contains("slow: run 1 (scheduled 2026-09-30 03:00 +08:00) interrupted: the scheduler process (pid \(crashed)"),
                "\(result.stdout)")
        #expect(result.stdout.contains("tick: run 2 (scheduled 2026-09-30 03:00 +08:00) succeeded"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("huzhu schedule daemon: stopped (SIGTERM)\n"), "\(result.stdout)")
        #expect(try ws.count("policy") == 0)   // the crashed run's enrolments rolled back
    }
}
