import Foundation

/// A script run on a schedule, declared as a `[[jobs]]` table in `huzhu.toml`.
///
/// ```toml
/// [[jobs]]
/// name = "membership-snapshot"                  # unique; letters, digits, - _ .
/// script = "scripts/jobs/membership-snapshot.lua"   # inside the workspace
/// cron = "0 2 * * *"                            # minute hour day month weekday
/// timezone = "Asia/Shanghai"                    # default: the workspace's timezone
/// overlap = "skip"                              # or "queue" (default "skip")
/// catch_up = "none"                             # or "once"  (default "none")
/// timeout = 600                                 # seconds (default: [limits] timeout)
/// args = ["--district", "BH"]                   # the script's `...`
/// output = "reports/membership-{date}.txt"      # where a successful run's output is saved
/// enabled = true                                # default true
/// ```
public struct ScheduledJob: Hashable, Sendable {
    /// What a run that comes due while the previous run of the job still holds its lock does.
    public enum Overlap: String, Hashable, Sendable, CaseIterable {
        /// It is logged `skipped` and not run.
        case skip
        /// It waits for the previous run to end, then runs.
        case queue
    }

    /// What `huzhu schedule run-due` does with scheduled times missed while no scheduler ran.
    public enum CatchUp: String, Hashable, Sendable, CaseIterable {
        /// Missed times are logged as one `skipped` row; only a time within the
        /// last minute (``ScheduledJob/lateness``) runs.
        case none
        /// One run stands for all missed times, however many.
        case once
    }

    public var name: String
    /// The script, relative to the workspace folder.
    public var script: String
    public var cron: CronExpression
    /// The zone whose wall clock `cron` describes.
    public var timeZone: TimeZone
    public var overlap: Overlap
    public var catchUp: CatchUp
    /// Seconds a run may take; nil: the workspace's `[limits] timeout`.
    public var timeout: Double?
    /// The script's arguments (`...` and `arg`).
    public var arguments: [String]
    public var enabled: Bool
    /// Where the output of a successful run is saved, relative to the workspace,
    /// with `{date}`, `{time}`, `{job}` and `{run}` filled in; nil: not saved.
    public var output: String?

    /// How late a run may start under `catch_up = "none"`: a scheduled time
    /// more than this many seconds old is missed, not run.
    public static let lateness: TimeInterval = 60

    public init(name: String, script: String, cron: CronExpression,
                timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!,
                overlap: Overlap = .skip, catchUp: CatchUp = .none, timeout: Double? = nil,
                arguments: [String] = [], enabled: Bool = true, output: String? = nil) {
        self.name = name
        self.script = script
        self.cron = cron
        self.timeZone = timeZone
        self.overlap = overlap
        self.catchUp = catchUp
        self.timeout = timeout
        self.arguments = arguments
        self.enabled = enabled
        self.output = output
    }

    /// The path of the output file for a run, placeholders filled in, or nil
    /// when the job saves no output.
    ///
    /// `{date}` is the business date (`businessDate`: `today` in huzhu.toml
    /// when it is fixed, so the name agrees with the content), else the
    /// run's scheduled (or, by hand, start) date in the job's zone,
    /// `YYYY-MM-DD`; `{time}` its `HHMM`; `{job}` the name; `{run}` the run id.
    public func outputPath(at instant: Date, run: Int64, businessDate: CivilDate? = nil) -> String? {
        guard let output else { return nil }
        let local = ZonedTime.local(instant, in: timeZone)
        return output
            .replacingOccurrences(of: "{date}", with: (businessDate ?? local.date).description)
            .replacingOccurrences(of: "{time}", with: CivilDate.pad(local.hour, 2) + CivilDate.pad(local.minute, 2))
            .replacingOccurrences(of: "{job}", with: name)
            .replacingOccurrences(of: "{run}", with: String(run))
    }
}

/// Settings of the scheduler itself: the `[schedule]` table of `huzhu.toml`.
///
/// ```toml
/// [schedule]
/// keep_days = 90     # run-log rows older than this are deleted (0: keep all)
/// ```
public struct ScheduleSettings: Hashable, Sendable {
    /// Days the run log keeps finished runs; 0 keeps them all. The latest
    /// scheduled run of each job is always kept: it marks where the next
    /// `run-due` picks up.
    public var keepDays: Int

    public init(keepDays: Int = 90) {
        self.keepDays = keepDays
    }
}
