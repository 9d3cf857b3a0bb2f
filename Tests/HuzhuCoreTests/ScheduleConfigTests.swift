import Foundation
import HuzhuCore
import Testing

@Suite("huzhu.toml: [[jobs]] and [schedule]")
struct ScheduleConfigTests {
    /// The problems reported for a file, or [] if it parses.
    func problems(_ text: String) -> [String] {
        do {
            _ = try WorkspaceConfig.parse(text)
            return []
        } catch let error as WorkspaceConfig.ConfigError {
            return error.problems
        } catch {
            return ["\(error)"]
        }
    }

    @Test("a valid job reads with its defaults")
    func defaults() throws {
        let config = try WorkspaceConfig.parse("""
            operator = "王"
            [[jobs]]
            name = "nightly"
            script = "scripts/jobs/nightly.lua"
            cron = "0 2 * * *"
            [[jobs]]
            name = "月报"
            script = "scripts/jobs/monthly.lua"
            cron = "0 3 1 * *"
            timezone = "America/New_York"
            overlap = "queue"
            catch_up = "once"
            timeout = 90
            args = ["BH", "2026"]
            enabled = false
            output = "reports/{job}-{date}-{time}-{run}.txt"
            [schedule]
            keep_days = 30
            """)
        #expect(config.jobs.count == 2)
        let nightly = config.jobs[0]
        #expect(nightly.name == "nightly")
        #expect(nightly.cron.text == "0 2 * * *")
        #expect(nightly.timeZone.identifier == "Asia/Shanghai")
        #expect(nightly.overlap == .skip)
        #expect(nightly.catchUp == .none)
        #expect(nightly.timeout == nil)
        #expect(nightly.arguments == [])
        #expect(nightly.enabled)
        #expect(nightly.output == nil)
        let monthly = config.jobs[1]
        #expect(monthly.timeZone.identifier == "America/New_York")
        #expect(monthly.overlap == .queue)
        #expect(monthly.catchUp == .once)
        #expect(monthly.timeout == 90)
        #expect(monthly.arguments == ["BH", "2026"])
        #expect(!monthly.enabled)
        #expect(monthly.outputPath(at: instant("2026-10-01 03:00", in: newYork), run: 12) == "reports/月报-2026-10-01-0300-12.txt")
        #expect(config.schedule.keepDays == 30)
    }

    @Test("a job's zone defaults to the workspace's")
    func workspaceZone() throws {
        let config = try WorkspaceConfig.parse("""
            operator = "王"
            timezone = "Europe/London"
            [[jobs]]
            name = "a"
            script = "a.lua"
            cron = "0 2 * * *"
            """)
        #expect(config.jobs[0].timeZone.identifier == "Europe/London")
        #expect(config.schedule.keepDays == 90)
    }

    @Test("every problem of the file is reported together, naming the job and the field")
    func problems() {
        let text = """
            operator = "x"
            [[jobs]]
            name = "ok"
            script = "scripts/jobs/a.lua"
            cron = "0 2 * * *"
            [[jobs]]
            name = "bad"
            script = "/etc/passwd"
            cron = "61 * * * *"
            timezone = "Mars/Base"
            overlap = "wait"
            catch_up = "twice"
            timeout = -1
            args = ["a", 2]
            enabled = "yes"
            colour = "red"
            output = "reports/{day}.txt"
            [[jobs]]
            name = "ok"
            script = "../outside.lua"
            cron = "* * * *"
            [[jobs]]
            name = "has space"
            [schedule]
            keep_days = -1
            wat = 1
            """
        #expect(problems(text) == [
            "jobs[2].colour: unknown key",
            "jobs[2].script: \"/etc/passwd\" must be a relative path inside the workspace, such as \"scripts/jobs/nightly.lua\"",
            "jobs[2].cron: minute field \"61\" out of range 0-59",
            "jobs[2].timezone: unknown time zone \"Mars/Base\"; expected a name such as \"Asia/Shanghai\"",
            "jobs[2].overlap: expected \"skip\" or \"queue\", got \"wait\"",
            "jobs[2].catch_up: expected \"none\" or \"once\", got \"twice\"",
            "jobs[2].timeout: expected a positive number of seconds",
            "jobs[2].args[2]: expected a string",
            "jobs[2].enabled: expected true or false",
            "jobs[2].output: unknown placeholder {day}; expected {date}, {time}, {job} or {run}",
            "jobs[3].script: \"../outside.lua\" must be a relative path inside the workspace, such as \"scripts/jobs/nightly.lua\"",
            "jobs[3].cron: expected 5 fields, got 4",
            "jobs[3].name: \"ok\" is already the name of jobs[1]",
            "jobs[4].name: \"has space\" may hold only letters, digits, \"-\", \"_\" and \".\" (at most 64, not starting with \".\")",
            "jobs[4].script: missing",
            "jobs[4].cron: missing",
            "schedule.wat: unknown key",
            "schedule.keep_days: expected a whole number of days, 0 or more (0 keeps every run)",
        ])
    }

    @Test("the message of a broken file lists one problem a line")
    func description() {
        do {
            _ = try WorkspaceConfig.parse("operator = \"x\"\n[[jobs]]\nname = \"a\"\nscript = \"a.lua\"\ncron = \"61 * * * *\"\n[[jobs]]\n", file: "/ws/huzhu.toml")
            Issue.record("parsed")
        } catch {
            #expect("\(error)" == "/ws/huzhu.toml: jobs[1].cron: minute field \"61\" out of range 0-59\n/ws/huzhu.toml: jobs[2].name: missing\n/ws/huzhu.toml: jobs[2].script: missing\n/ws/huzhu.toml: jobs[2].cron: missing")
        }
    }

    @Test("jobs must be [[jobs]] tables")
    func notTables() {
        #expect(problems("operator = \"x\"\njobs = \"nightly\"\n") == ["jobs: expected [[jobs]] tables"])
        #expect(problems("operator = \"x\"\njobs = [1]\n") == ["jobs[1]: expected a table"])
    }

    @Test("the new-workspace template parses, its stock jobs disabled")
    func template() throws {
        let config = try WorkspaceConfig.parse(WorkspaceConfig.template(operatorName: "王"))
        #expect(config.jobs.map(\.name) == ["overdue-claims", "membership-snapshot", "participation-by-district",
                                            "target-progress", "half-year-appraisal"])
        #expect(config.jobs.allSatisfy { !$0.enabled })
        #expect(config.jobs.map(\.cron.text) == ["0 7 * * *", "30 1 * * *", "0 2 1 * *", "0 6 1 * *", "0 3 1 7 *"])
        #expect(config.schedule.keepDays == 90)
    }
}
