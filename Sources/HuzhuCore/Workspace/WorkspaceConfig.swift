import Foundation
import TOMLKit

/// The settings of a workspace, from its `huzhu.toml`.
///
/// ```toml
/// operator = "市总保险办"        # who writes, for the audit trail
/// timezone = "Asia/Shanghai"    # the business day is taken in this zone
/// # today = "2026-09-30"        # fix the business date (demo, replay)
///
/// [limits]                      # defaults for every script run
/// timeout = 600                 # seconds
/// max_memory_mib = 512
/// max_instructions = 1000000000
/// wait = 60                     # seconds a write waits for another run's write lock
///
/// [money]
/// due_days = 30                 # a bill is due this many days after it is issued
/// ```
///
/// Unknown keys are errors (a typo must not silently do nothing).
public struct WorkspaceConfig: Equatable, Sendable {
    public var operatorName: String
    public var timeZone: String
    public var today: CivilDate?
    public var limits: Limits
    /// The whole parsed document, for sections other layers read (`[[jobs]]`).
    public var document: String
    /// The scheduled jobs (`[[jobs]]`), in file order; see ``ScheduledJob``.
    public var jobs: [ScheduledJob] = []
    /// The scheduler's settings (`[schedule]`).
    public var schedule = ScheduleSettings()
    /// The fund's money settings (`[money]`).
    public var money = MoneySettings()

    /// The fund's money settings (`[money]`).
    public struct MoneySettings: Equatable, Sendable {
        /// Days from a bill's issue to its due day (1…366; 30 by default).
        public var dueDays = 30
        public init(dueDays: Int = 30) { self.dueDays = dueDays }
    }

    public struct Limits: Equatable, Sendable {
        public var timeout: Double?
        public var maxMemoryMiB: Int?
        public var maxInstructions: Int64?
        /// Seconds a write waits for another run's write lock (nil: 60).
        public var wait: Double?
        public init(timeout: Double? = nil, maxMemoryMiB: Int? = nil, maxInstructions: Int64? = nil, wait: Double? = nil) {
            self.timeout = timeout
            self.maxMemoryMiB = maxMemoryMiB
            self.maxInstructions = maxInstructions
            self.wait = wait
        }
    }

    public init(operatorName: String, timeZone: String = "Asia/Shanghai", today: CivilDate? = nil,
                limits: Limits = Limits(), document: String = "") {
        self.operatorName = operatorName
        self.timeZone = timeZone
        self.today = today
        self.limits = limits
        self.document = document
    }

    /// A problem in `huzhu.toml`, naming the place: `huzhu.toml:3:12: …` or `huzhu.toml: limits.timeout: …`.
    public struct ConfigError: Error, Equatable, CustomStringConvertible {
        public var file: String
        public var problems: [String]
        public var description: String { problems.map { "\(file): \($0)" }.joined(separator: "\n") }
    }

    static let topKeys: Set<String> = ["operator", "timezone", "today", "limits", "jobs", "schedule", "money"]
    static let moneyKeys: Set<String> = ["due_days"]
    static let limitKeys: Set<String> = ["timeout", "max_memory_mib", "max_instructions", "wait"]

    /// Parses and validates the text of a `huzhu.toml`, collecting every problem.
    public static func parse(_ text: String, file: String = "huzhu.toml") throws -> WorkspaceConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, problems: ["\(error.source.begin.line):\(error.source.begin.column): \(error.description)"])
        }
        var problems: [String] = []
        for key in table.keys.sorted() where !topKeys.contains(key) {
            problems.append("unknown key '\(key)'")
        }
        var config = WorkspaceConfig(operatorName: "", document: text)
        if let value = table["operator"] {
            if let s = value.string, !s.trimmingCharacters(in: .whitespaces).isEmpty { config.operatorName = s }
            else { problems.append("operator: expected a non-empty string") }
        } else {
            problems.append("operator: missing (who writes, for the audit trail)")
        }
        if let value = table["timezone"] {
            if let s = value.string, TimeZone(identifier: s) != nil { config.timeZone = s }
            else { problems.append("timezone: expected a time zone name such as \"Asia/Shanghai\"") }
        }
        if let value = table["today"] {
            if let s = value.string, let date = try? CivilDate(parsing: s) { config.today = date }
            else if let d = value.date, let date = CivilDate(year: d.year, month: Int(d.month), day: Int(d.day)) { config.today = date }
            else { problems.append("today: expected a date YYYY-MM-DD") }
        }
        if let value = table["limits"] {
            if let limits = value.table {
                for key in limits.keys.sorted() where !limitKeys.contains(key) {
                    problems.append("limits.\(key): unknown key")
                }
                if let v = limits["timeout"] {
                    if let d = v.double, d > 0, d.isFinite { config.limits.timeout = d }
                    else if let i = v.int, i > 0 { config.limits.timeout = Double(i) }
                    else { problems.append("limits.timeout: expected a positive number of seconds") }
                }
                if let v = limits["max_memory_mib"] {
                    if let i = v.int, i > 0 { config.limits.maxMemoryMiB = i }
                    else { problems.append("limits.max_memory_mib: expected a positive integer") }
                }
                if let v = limits["max_instructions"] {
                    if let i = v.int, i >= 0 { config.limits.maxInstructions = Int64(i) }
                    else { problems.append("limits.max_instructions: expected a non-negative integer") }
                }
                if let v = limits["wait"] {
                    if let d = v.double, d >= 0, d.isFinite { config.limits.wait = d }
                    else if let i = v.int, i >= 0 { config.limits.wait = Double(i) }
                    else { problems.append("limits.wait: expected a non-negative number of seconds") }
                }
            } else {
                problems.append("limits: expected a table")
            }
        }
        if let value = table["money"] {
            if let money = value.table {
                for key in money.keys.sorted() where !moneyKeys.contains(key) {
                    problems.append("money.\(key): unknown key")
                }
                if let v = money["due_days"] {
                    if let i = v.int, (1...366).contains(i) { config.money.dueDays = i }
                    else { problems.append("money.due_days: expected a whole number of days from 1 to 366") }
                }
            } else {
                problems.append("money: expected a table")
            }
        }
        config.jobs = ScheduledJob.parseAll(table["jobs"], defaultZone: config.timeZone, problems: &problems)
        config.schedule = ScheduleSettings.parse(table["schedule"], problems: &problems)
        if !problems.isEmpty { throw ConfigError(file: file, problems: problems) }
        return config
    }

    /// The text of a new workspace's `huzhu.toml`.
    public static func template(operatorName: String, today: CivilDate? = nil) -> String {
        let quoted = operatorName.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return """
            # Huzhu workspace settings.
            operator = "\(quoted)"        # who writes, recorded in the audit trail
            timezone = "Asia/Shanghai"    # the business day is taken in this zone
            \(today.map { "today = \"\($0)\"          # the business date is fixed (demo)" } ?? "# today = \"2026-09-30\"        # uncomment to fix the business date")

            [limits]                      # defaults for every script run
            timeout = 600                 # seconds
            max_memory_mib = 512
            max_instructions = 1000000000
            wait = 60                     # seconds a write waits for another run's write lock

            [money]
            due_days = 30                 # a contribution bill is due this many days after it is issued

            # Scheduled jobs. `huzhu schedule list` shows each with its next runs.
            # Have system cron or a systemd timer run `huzhu schedule run-due` every
            # minute, or keep `huzhu schedule daemon` running. A job runs as one
            # transaction, like `huzhu run`; `huzhu schedule log` shows the runs.
            [schedule]
            keep_days = 90                # run-log rows older than this are deleted (0: keep all)

            # Daily overdue-claims check: claims waiting more than 30 days at one step.
            [[jobs]]
            name = "overdue-claims"
            script = "scripts/jobs/overdue-claims.lua"
            cron = "0 7 * * *"            # 07:00 every day
            args = ["30"]                 # days at one step before a claim is overdue
            output = "reports/overdue-claims-{date}.txt"
            enabled = false

            # Daily snapshot of members and policies per district, saved under reports/.
            [[jobs]]
            name = "membership-snapshot"
            script = "scripts/jobs/membership-snapshot.lua"
            cron = "30 1 * * *"           # 01:30 every day (minute hour day month weekday)
            output = "reports/membership-snapshot-{date}.txt"
            enabled = false               # set to true to run it on schedule

            # Monthly participation rate per district, saved under reports/.
            [[jobs]]
            name = "participation-by-district"
            script = "scripts/jobs/participation-by-district.lua"
            cron = "0 2 1 * *"            # 02:00 on the 1st of every month
            catch_up = "once"             # a month missed while the machine was off runs once
            output = "reports/participation-{date}.txt"
            enabled = false

            # Monthly target progress (时间过半、任务过半) as an HTML page under reports/.
            [[jobs]]
            name = "target-progress"
            script = "scripts/jobs/target-progress.lua"
            cron = "0 6 1 * *"            # 06:00 on the 1st of every month
            catch_up = "once"
            args = ["html"]               # html, md, csv or text
            output = "reports/target-progress-{date}.html"
            enabled = false

            # The half-year preliminary appraisal (半年初评) of the district, county and
            # industrial unions ranked together on 1 July, with the appraisal rule in
            # force (huzhu rules activate appraisal …).
            [[jobs]]
            name = "half-year-appraisal"
            script = "scripts/jobs/half-year-appraisal.lua"
            cron = "0 3 1 7 *"            # 03:00 on 1 July
            catch_up = "once"
            args = ["district,county,industry"]   # the level: a kind, or kinds ranked together
            output = "reports/half-year-appraisal-{date}.txt"
            enabled = false

            """
    }
}
