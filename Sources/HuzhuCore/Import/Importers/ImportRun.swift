import Foundation
import GRDB

/// The transaction around an import: a savepoint (or a transaction of its
/// own), rolled back when an atomic import found invalid rows or when
/// anything is thrown, and the import's audit row.
enum ImportRun {
    /// Runs `body` (which validates and writes the rows) and settles the import.
    ///
    /// - Parameters:
    ///   - session: The open file.
    ///   - db: A connection.
    ///   - operation: The audit operation, e.g. `importMembers`.
    ///   - table: The table imported into.
    ///   - context: Operator and business date.
    ///   - body: Imports the rows; returns the row ids inserted when they are
    ///     consecutive and not audited one by one (members), else `nil`.
    /// - Returns: The report of a committed import.
    /// - Throws: ``ImportFailure`` for an atomic import with invalid rows;
    ///   whatever `body` throws (everything rolled back, the rejects file removed).
    static func run(_ session: ImportSession, db: Database, operation: String, table: String,
                    context: WriteContext, body: () throws -> ClosedRange<Int64>?) throws -> ImportReport {
        let atomic = !session.options.skipInvalid
        do {
            try db.inSavepoint {
                let ids = try body()
                if atomic && session.hasRejects { return .rollback }
                let report = session.report
                var summary: [String: AuditValue] = [
                    "file": .text(report.file), "encoding": .text(report.encoding.rawValue),
                    "rows": .integer(Int64(report.rowsRead)), "imported": .integer(Int64(report.imported)),
                    "rejected": .integer(Int64(report.rejected)),
                ]
                if let ids {
                    summary["firstID"] = .integer(ids.lowerBound)
                    summary["lastID"] = .integer(ids.upperBound)
                }
                try AuditLog.record(db, context: context, action: "import", operation: operation, table: table,
                                    rowKey: report.file, summary: summary)
                return .commit
            }
        } catch {
            session.abandon()
            throw error
        }
        var report = try session.finish()
        if atomic && report.rejected > 0 {
            report.imported = 0
            throw ImportFailure(report: report)
        }
        return report
    }
}
