import GRDB

extension Migrations {
    /// The scheduler's run log: one row per run of a job, started by the
    /// schedule or by hand, and one per skipped scheduled time.
    static func createJobRuns(_ db: Database) throws {
        try db.create(table: "jobRun") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("job", .text).notNull()
            t.column("trigger", .text).notNull().check { ["schedule", "manual"].contains($0) }
            t.column("scheduledAt", .text)                 // UTC ISO-8601; NULL for a run by hand
            t.column("startedAt", .text).notNull()
            t.column("endedAt", .text)
            t.column("status", .text).notNull()
                .check { ["running", "succeeded", "failed", "interrupted", "skipped"].contains($0) }
            t.column("message", .text)
            t.column("outputTail", .text)
            t.column("scriptName", .text)
            t.column("scriptSHA256", .text)
            t.column("operator", .text)
            t.column("pid", .integer)
            t.column("host", .text)
        }
        // A scheduled time is claimed once: by its run or by the row that skips it.
        try db.create(index: "jobRun_on_job_scheduledAt", on: "jobRun", columns: ["job", "scheduledAt"], options: .unique)
        try db.create(index: "jobRun_on_status", on: "jobRun", columns: ["status"])
    }
}
