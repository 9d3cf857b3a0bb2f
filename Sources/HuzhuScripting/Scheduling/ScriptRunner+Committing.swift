import GRDB
import HuzhuCore
import LuaHost

extension ScriptRunner {
    /// Runs a script as one transaction, and lets the caller write in that
    /// same transaction after the script succeeds and before it commits.
    ///
    /// The scheduler marks a run `succeeded` this way, so the run's writes
    /// and its log row commit together: a process killed at any moment
    /// leaves either both or neither, never "succeeded" without the writes
    /// or the writes without the row.
    ///
    /// ```swift
    /// try runner.run(source: text, name: "scripts/jobs/nightly.lua") { db, outcome in
    ///     try JobRunLog.finish(db, id: runID, status: .succeeded, at: Date(), message: nil, outputTail: tail)
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - source: The script's text.
    ///   - name: Its name, as errors and the audit trail show it.
    ///   - arguments: `...` and `arg` of the script.
    ///   - beforeCommit: Writes made in the run's transaction; an error rolls everything back.
    /// - Returns: The results and the changes (the caller's own writes are not audited, so not counted).
    /// - Throws: `LuaError` (the script's error or limit); what `beforeCommit` throws; database errors.
    @discardableResult
    public func run(source: String, name: String, arguments: [LuaValue] = [],
                    beforeCommit: (Database, Outcome) throws -> Void) throws -> Outcome {
        state.context.scriptName = name
        state.context.scriptSHA256 = ScriptRunner.sha256(source)
        var outcome: Outcome?
        try database.writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                state.begin(db)
                defer {
                    state.end()
                    host.closeObjects()
                }
                let before = try AuditLog.lastID(db)
                let results = try host.run(source, name: name, arguments: arguments)
                let done = Outcome(results: results, changes: try AuditLog.changes(db, after: before), committed: true)
                try beforeCommit(db, done)
                outcome = done
                return .commit
            }
        }
        return outcome!
    }
}
