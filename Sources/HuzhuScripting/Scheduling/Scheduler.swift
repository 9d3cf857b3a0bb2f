import Foundation
import HuzhuCore
import LuaHost

/// Runs a workspace's scheduled jobs (`[[jobs]]` in `huzhu.toml`): what is
/// due, a job by hand, and the recovery of runs left by a dead process.
///
/// Time is a parameter (`now`), so every rule can be tested without
/// waiting; `clock` stamps the log's start and end times.
///
/// Each run:
/// 1. takes the job's ``JobLock`` (overlap `"skip"`: if another run holds
///    it, the time is logged `skipped`; `"queue"`: waits for it);
/// 2. under the lock, marks any `running` row of the job `interrupted`
///    (no live run can own it) and gives up if the scheduled time was
///    already claimed by another scheduler;
/// 3. logs a `running` row (committed at once, so a crash leaves it);
/// 4. runs the script through ``ScriptRunner`` as one transaction, with the
///    job's timeout and arguments and the workspace's operator and limits;
///    on success the row becomes `succeeded` **in the same transaction**;
/// 5. on an error or a limit the transaction rolls back and the row becomes
///    `failed`; on a stop request (SIGTERM) `interrupted`.
///
/// ```swift
/// let scheduler = try Scheduler(workspace: workspace)
/// try scheduler.recover(now: Date())
/// let rows = try scheduler.runDue(now: Date())
/// ```
public final class Scheduler {
    public let root: URL
    /// The settings and jobs; the daemon replaces them when `huzhu.toml` changes.
    public var config: WorkspaceConfig
    public let database: HuzhuDatabase
    /// Who the runs write as (the audit trail).
    public var operatorName: String
    /// Stamps the log's start and end times.
    public var clock: () -> Date = { Date() }
    /// Also receives what scripts print (a run by hand echoes it).
    public var echo: ((UnsafeRawBufferPointer) -> Void)?
    /// Told of every row the scheduler finishes: a run's end, a skip, a recovery.
    public var onRecord: ((JobRun) -> Void)?
    /// Told when a run starts.
    public var onStart: ((JobRun) -> Void)?
    /// Called with a job and its timeout when a run with a timeout starts;
    /// returns what ends the watch (the CLI ends a process whose script is
    /// stuck in a C function past its timeout).
    public var watchdog: ((ScheduledJob, Double) -> () -> Void)?
    /// Stops the scheduler from another thread.
    public let stop = StopRequest()
    /// How long a skipping scheduler waits for the lock holder's row to appear.
    public var holderWait: TimeInterval = 2

    let locksURL: URL
    let databasePath: String?
    let pid = Int64(getpid())
    let hostName = ProcessInfo.processInfo.hostName

    /// How long a scheduler waits for SQLite's write lock: a job's run is one
    /// transaction and holds it throughout, so others wait for it to end.
    public static let busyTimeout: TimeInterval = 600

    /// A scheduler over a workspace, with its own database connections.
    ///
    /// - Parameters:
    ///   - workspace: The workspace (its `huzhu.toml` is already parsed).
    ///   - operatorName: Who writes; default `operator` of `huzhu.toml`.
    public convenience init(workspace: Workspace, operatorName: String? = nil) throws {
        let lock = WriteLock(databasePath: workspace.databaseURL.path, wait: Scheduler.busyTimeout,
                             operatorName: operatorName ?? workspace.config.operatorName)
        let database = try HuzhuDatabase(path: workspace.databaseURL.path, lock: lock)
        try self.init(root: workspace.root, config: workspace.config, database: database,
                      databasePath: workspace.databaseURL.path, operatorName: operatorName)
    }

    /// A scheduler over an open database (tests: an in-memory one, with `databasePath` nil).
    public init(root: URL, config: WorkspaceConfig, database: HuzhuDatabase, databasePath: String?,
                operatorName: String? = nil) throws {
        self.root = root
        self.config = config
        self.database = database
        self.databasePath = databasePath
        self.operatorName = operatorName ?? config.operatorName
        self.locksURL = root.appendingPathComponent(".locks")
    }

    /// The job of a name.
    public func job(named name: String) -> ScheduledJob? {
        config.jobs.first { $0.name == name }
    }

    // MARK: - Recovery

    /// Marks `running` rows whose process is gone as `interrupted`, then
    /// applies the log's retention (`[schedule] keep_days`). Every schedule
    /// command calls this first.
    ///
    /// A row is stale when its job's lock is free: a live run holds the lock
    /// from before its row is written until after it is finished.
    ///
    /// - Returns: The rows marked interrupted.
    @discardableResult
    public func recover(now: Date) throws -> [JobRun] {
        let running = try database.read { try JobRunLog.running($0) }
        var marked: [JobRun] = []
        for name in Set(running.map(\.job)).sorted() {
            guard let lock = try JobLock.tryAcquire(job: name, in: locksURL) else { continue }
            defer { lock.release() }
            marked += try markStale(job: name)
        }
        // Write only when there is something to delete: a job's run holds
        // the database, and `list` or `log` should not wait for it.
        let keepDays = config.schedule.keepDays
        if try database.read({ try JobRunLog.expiredCount($0, keepDays: keepDays, now: now) }) > 0 {
            _ = try database.write { db in try JobRunLog.prune(db, keepDays: keepDays, now: now) }
        }
        return marked
    }

    /// With the job's lock held: its `running` rows are stale.
    func markStale(job name: String) throws -> [JobRun] {
        guard try !database.read({ try JobRunLog.running($0, job: name) }).isEmpty else { return [] }
        let rows = try database.write { db in try JobRunLog.markInterrupted(db, job: name, at: clock()) }
        for row in rows {
            if let id = row.id, let updated = try database.read({ try JobRunLog.run($0, id: id) }) { onRecord?(updated) }
        }
        return rows
    }

    // MARK: - Due runs

    /// Runs what is due at `now` (see ``DuePlan`` for the rules), enabled jobs
    /// in file order, one after another. Meant for system cron or a systemd
    /// timer every minute, and the daemon's loop.
    ///
    /// - Parameter now: The moment of the check; every plan is made at it
    ///   before any job runs.
    /// - Returns: The rows written: skips and finished runs, in order.
    @discardableResult
    public func runDue(now: Date) throws -> [JobRun] {
        var plans: [(ScheduledJob, DuePlan)] = []
        for job in config.jobs where job.enabled {
            let checkpoint = try database.read { try JobRunLog.lastScheduled($0, job: job.name) }
            plans.append((job, DuePlan(job: job, checkpoint: checkpoint, now: now)))
        }
        var rows: [JobRun] = []
        for (job, plan) in plans {
            if stop.isRequested { break }
            if let missed = plan.missed, let last = missed.last {
                let row = newRow(job, trigger: .schedule, scheduledAt: last, status: .skipped,
                                 message: DuePlan.missedMessage(missed, zone: job.timeZone))
                if let claimed = try database.write({ try JobRunLog.claim($0, row) }) {
                    rows.append(claimed)
                    onRecord?(claimed)
                }
            }
            if let time = plan.run {
                let note = plan.covers.flatMap { DuePlan.coversMessage($0, zone: job.timeZone) }
                if let row = try execute(job, trigger: .schedule, scheduledAt: time, note: note, now: now) {
                    rows.append(row)
                }
            }
        }
        return rows
    }

    /// Runs a job now, by hand (logged with trigger `manual`), enabled or not.
    ///
    /// - Returns: The finished row (or the skip), nil if stopped while waiting for the lock.
    @discardableResult
    public func runNow(_ job: ScheduledJob, now: Date) throws -> JobRun? {
        try execute(job, trigger: .manual, scheduledAt: nil, note: nil, now: now)
    }

    /// The next time any enabled job is due after `instant`.
    public func nextDue(after instant: Date) -> Date? {
        config.jobs.filter(\.enabled).compactMap { $0.cron.nextTime(after: instant, in: $0.timeZone) }.min()
    }

    // MARK: - Daemon

    /// Runs due jobs until a stop is requested: checks, sleeps until the next
    /// due time (at most `maxSleep` seconds, so edits to `huzhu.toml` and
    /// clock changes are noticed), checks again.
    ///
    /// - Parameters:
    ///   - reload: Called after each sleep; a new configuration replaces the old one.
    ///   - now: The clock.
    ///   - maxSleep: The longest sleep, in seconds.
    public func runDaemon(reload: () -> WorkspaceConfig?, now: () -> Date = { Date() }, maxSleep: TimeInterval = 60) throws {
        while !stop.isRequested {
            try runDue(now: now())
            if stop.isRequested { break }
            let current = now()
            let wake = min(nextDue(after: current) ?? current.addingTimeInterval(maxSleep),
                           current.addingTimeInterval(maxSleep))
            stop.sleep(for: wake.timeIntervalSince(current) + 0.01)
            if stop.isRequested { break }
            if let fresh = reload() { config = fresh }
        }
    }

    func newRow(_ job: ScheduledJob, trigger: JobRun.Trigger, scheduledAt: Date?, status: JobRun.Status,
                message: String?) -> JobRun {
        let at = clock()
        return JobRun(job: job.name, trigger: trigger, scheduledAt: scheduledAt, startedAt: at,
                      endedAt: status == .running ? nil : at, status: status, message: message,
                      scriptName: job.script, operatorName: operatorName, pid: pid, host: hostName)
    }
}
