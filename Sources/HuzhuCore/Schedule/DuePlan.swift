import Foundation

/// What `huzhu schedule run-due` does for one job at one moment: which
/// scheduled time to run, and which missed times to log as skipped.
///
/// Time is a parameter, so the rules are tested without waiting:
///
/// - The job's **checkpoint** is the latest scheduled time in its run log
///   (run or skipped). Only times after it and at or before `now` are
///   due. A job with no scheduled row yet starts at `now` minus
///   ``ScheduledJob/lateness`` (a new job does not catch up on times before
///   it existed).
/// - `catch_up = "none"`: the latest due time runs if it is less than
///   ``ScheduledJob/lateness`` (60 s) old; every other due time is missed
///   and logged as **one** skipped row (scheduled at the latest missed
///   time, its message giving how many and from when to when).
/// - `catch_up = "once"`: the latest due time runs, standing for all the
///   due times however many; nothing is logged as skipped.
///
/// A failed or interrupted run is not retried: its time is accounted for.
///
/// ```swift
/// let plan = DuePlan(job: nightly, checkpoint: lastRun, now: now)
/// if let time = plan.run { /* run the job for `time` */ }
/// ```
public struct DuePlan: Equatable, Sendable {
    /// The scheduled time to run now, if any.
    public var run: Date?
    /// How many scheduled times the run stands for (1 unless catching up).
    public var covers: CronWindow?
    /// The missed times to log as one skipped row, if any.
    public var missed: CronWindow?

    public init(run: Date? = nil, covers: CronWindow? = nil, missed: CronWindow? = nil) {
        self.run = run
        self.covers = covers
        self.missed = missed
    }

    /// Decides for `job` at `now`, given its checkpoint.
    ///
    /// - Parameters:
    ///   - job: The job (enabled or not: the caller filters).
    ///   - checkpoint: The latest scheduled time in its log, nil if none.
    ///   - now: The moment of the check.
    public init(job: ScheduledJob, checkpoint: Date?, now: Date) {
        self.init()
        let start = checkpoint ?? now.addingTimeInterval(-ScheduledJob.lateness)
        let window = job.cron.window(after: start, through: now, in: job.timeZone)
        guard let last = window.last else { return }
        switch job.catchUp {
        case .once:
            run = last
            covers = window
        case .none:
            if now.timeIntervalSince(last) < ScheduledJob.lateness {
                run = last
                if window.count > 1 {
                    var rest = window
                    rest.count -= 1
                    rest.last = window.previous
                    rest.previous = nil
                    missed = rest
                }
            } else {
                missed = window
            }
        }
    }

    /// The message of the skipped row for missed times, e.g.
    /// `missed 3 scheduled times from 2026-09-28 02:00 +08:00 to 2026-09-30 02:00 +08:00 (catch_up = "none")`.
    public static func missedMessage(_ missed: CronWindow, zone: TimeZone) -> String {
        guard let first = missed.first, let last = missed.last else { return "missed" }
        if missed.count == 1 {
            return "missed the scheduled time \(ZonedTime.format(last, in: zone)): no scheduler ran within a minute of it (catch_up = \"none\")"
        }
        let count = missed.countIsLowerBound ? "more than \(missed.count)" : String(missed.count)
        return "missed \(count) scheduled times from \(ZonedTime.format(first, in: zone)) to \(ZonedTime.format(last, in: zone)) (catch_up = \"none\")"
    }

    /// The note on a catch-up run that stands for several times, e.g.
    /// `catching up: one run for 3 scheduled times from … to … (catch_up = "once")`; nil for one time.
    public static func coversMessage(_ covers: CronWindow, zone: TimeZone) -> String? {
        guard covers.count > 1, let first = covers.first, let last = covers.last else { return nil }
        let count = covers.countIsLowerBound ? "more than \(covers.count)" : String(covers.count)
        return "catching up: one run for \(count) scheduled times from \(ZonedTime.format(first, in: zone)) to \(ZonedTime.format(last, in: zone)) (catch_up = \"once\")"
    }
}
