import Foundation
import GRDB

/// Reads and writes the scheduler's run log (`jobRun` table).
///
/// A scheduled time is *claimed* by the first row that names it (a run or
/// a skip); a unique index on `(job, scheduledAt)` makes a second claim
/// fail, so two schedulers never both run one scheduled time.
///
/// ```swift
/// let checkpoint = try JobRunLog.lastScheduled(db, job: "nightly")   // where run-due picks up
/// let runs = try JobRunLog.recent(db, job: "nightly", limit: 20)
/// ```
public enum JobRunLog {
    /// How much of a run's output the log keeps: its last 4 KiB.
    public static let tailBytes = 4096

    /// Inserts a row, or returns nil if its scheduled time is already claimed.
    ///
    /// - Parameters:
    ///   - db: A connection, in or outside a transaction.
    ///   - run: The row; its `id` is set when inserted.
    /// - Returns: The inserted row, or nil when `(job, scheduledAt)` exists.
    /// - Throws: A database error.
    public static func claim(_ db: Database, _ run: JobRun) throws -> JobRun? {
        var row = run
        do {
            try row.insert(db)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            return nil
        }
        return row
    }

    /// Whether a scheduled time of a job has a row already.
    public static func isClaimed(_ db: Database, job: String, scheduledAt: Date) throws -> Bool {
        try JobRun.filter(JobRun.Columns.job == job && JobRun.Columns.scheduledAt == AuditLog.timestamp(scheduledAt))
            .fetchCount(db) > 0
    }

    /// Ends a run: sets its status, end time, message and output tail.
    public static func finish(_ db: Database, id: Int64, status: JobRun.Status, at end: Date,
                              message: String?, outputTail: String?) throws {
        try db.execute(sql: """
            UPDATE jobRun SET status = ?, endedAt = ?, message = ?, outputTail = ? WHERE id = ?
            """, arguments: [status.rawValue, AuditLog.timestamp(end), message, outputTail, id])
    }

    /// The latest scheduled time of a job that has a row (run or skipped):
    /// `run-due` considers only later times. Nil when the job never ran on schedule.
    public static func lastScheduled(_ db: Database, job: String) throws -> Date? {
        try String.fetchOne(db, sql: "SELECT MAX(scheduledAt) FROM jobRun WHERE job = ?", arguments: [job])
            .flatMap(JobRun.date(from:))
    }

    /// Rows still `running`, oldest first; of one job, or of all.
    public static func running(_ db: Database, job: String? = nil) throws -> [JobRun] {
        var request = JobRun.filter(JobRun.Columns.status == JobRun.Status.running.rawValue)
        if let job { request = request.filter(JobRun.Columns.job == job) }
        return try request.order(JobRun.Columns.id).fetchAll(db)
    }

    /// Marks a job's `running` rows `interrupted` (their process is gone).
    ///
    /// - Returns: The rows marked, as they were before.
    public static func markInterrupted(_ db: Database, job: String, at end: Date) throws -> [JobRun] {
        let rows = try running(db, job: job)
        for row in rows {
            let who = row.pid.map { "pid \($0)" + (row.host.map { " on \($0)" } ?? "") } ?? "unknown process"
            try db.execute(sql: "UPDATE jobRun SET status = 'interrupted', endedAt = ?, message = ? WHERE id = ?",
                           arguments: [AuditLog.timestamp(end),
                                       "the scheduler process (\(who)) ended during the run; its writes were rolled back",
                                       row.id])
        }
        return rows
    }

    /// Deletes finished rows that started more than `keepDays` days before
    /// `now`, keeping every job's latest scheduled row (the checkpoint of
    /// `run-due`) and every `running` row. `keepDays` 0 deletes nothing.
    ///
    /// - Returns: How many rows were deleted.
    @discardableResult
    public static func prune(_ db: Database, keepDays: Int, now: Date) throws -> Int {
        guard keepDays > 0 else { return 0 }
        try db.execute(sql: "DELETE FROM jobRun WHERE " + expired, arguments: [cutoff(keepDays: keepDays, now: now)])
        return db.changesCount
    }

    /// How many rows ``prune(_:keepDays:now:)`` would delete (a read, so a
    /// command can skip the write while a job's transaction holds the database).
    public static func expiredCount(_ db: Database, keepDays: Int, now: Date) throws -> Int {
        guard keepDays > 0 else { return 0 }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobRun WHERE " + expired,
                                arguments: [cutoff(keepDays: keepDays, now: now)]) ?? 0
    }

    private static let expired = """
        startedAt < ? AND status <> 'running'
          AND id NOT IN (SELECT r.id FROM jobRun r
                         WHERE r.scheduledAt = (SELECT MAX(scheduledAt) FROM jobRun WHERE job = r.job))
        """

    private static func cutoff(keepDays: Int, now: Date) -> String {
        AuditLog.timestamp(now.addingTimeInterval(-Double(keepDays) * 86_400))
    }

    /// The latest rows, newest first; of one job or of all.
    public static func recent(_ db: Database, job: String? = nil, limit: Int = 20) throws -> [JobRun] {
        var request = JobRun.all()
        if let job { request = request.filter(JobRun.Columns.job == job) }
        return try request.order(JobRun.Columns.id.desc).limit(limit).fetchAll(db)
    }

    /// One row by id.
    public static func run(_ db: Database, id: Int64) throws -> JobRun? {
        try JobRun.fetchOne(db, key: id)
    }

    /// The latest row of a job.
    public static func latest(_ db: Database, job: String) throws -> JobRun? {
        try recent(db, job: job, limit: 1).first
    }

    /// The end of a text no longer than ``tailBytes`` bytes, cut at a character boundary.
    public static func tail(of bytes: [UInt8], limit: Int = tailBytes) -> String {
        var start = max(0, bytes.count - limit)
        while start < bytes.count, bytes[start] & 0xC0 == 0x80 { start += 1 }   // not inside a UTF-8 sequence
        return String(decoding: bytes[start...], as: UTF8.self)
    }
}
