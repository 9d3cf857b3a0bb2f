import Foundation
import GRDB

/// Writes and reads the audit trail (`audit` table).
///
/// Every service write calls ``record(_:context:action:operation:table:rowKey:summary:)``
/// in the same transaction as the write, so a rolled-back write leaves no
/// audit row and a committed one always has its row.
///
/// ```swift
/// let changes = try AuditLog.changes(db, after: lastID)   // for a dry run's report
/// // [TableChange(tableName: "policy", action: "insert", count: 120)]
/// ```
public enum AuditLog {
    /// Records one write.
    ///
    /// - Parameters:
    ///   - db: The connection, inside the write's transaction.
    ///   - context: Operator, script and clock.
    ///   - action: `insert`, `update` or `delete`.
    ///   - operation: The service operation, e.g. `enroll`.
    ///   - table: The table written.
    ///   - rowKey: The written row's key.
    ///   - summary: What changed; no personal data.
    /// - Returns: The stored entry.
    /// - Throws: A database error.
    @discardableResult
    public static func record(_ db: Database, context: WriteContext, action: String, operation: String,
                              table: String, rowKey: String, summary: [String: AuditValue]) throws -> AuditEntry {
        var entry = AuditEntry(
            id: nil, operatorName: context.operatorName, at: timestamp(context.clock()),
            action: action, operation: operation, tableName: table, rowKey: rowKey,
            summary: AuditValue.jsonObject(summary),
            scriptName: context.scriptName, scriptSHA256: context.scriptSHA256)
        try AuditStore.insert(db, &entry)
        return entry
    }

    /// An instant as UTC ISO-8601 with milliseconds, e.g. `2012-06-20T01:02:03.456Z`.
    ///
    /// - Parameter date: The instant.
    /// - Returns: The text.
    public static func timestamp(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (days, msOfDay) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let adjustedDays = msOfDay < 0 ? days - 1 : days
        let ms = msOfDay < 0 ? msOfDay + 86_400_000 : msOfDay
        let day = CivilDate(daysSinceEpoch: adjustedDays)
        let hours = ms / 3_600_000, minutes = ms / 60_000 % 60, seconds = ms / 1000 % 60, millis = ms % 1000
        return "\(day)T\(CivilDate.pad(hours, 2)):\(CivilDate.pad(minutes, 2)):\(CivilDate.pad(seconds, 2))."
            + "\(CivilDate.pad(millis, 3))Z"
    }

    /// The id of the latest audit row, 0 when there is none.
    ///
    /// Keep it before a run; ``changes(_:after:)`` then tells what the run wrote.
    public static func lastID(_ db: Database) throws -> Int64 {
        try AuditStore.lastID(db)
    }

    /// Rows written per table and action after an audit id.
    ///
    /// - Parameters:
    ///   - db: A connection.
    ///   - id: Count audit rows with a greater id.
    /// - Returns: One entry per table and action, sorted by table then action.
    ///
    /// A row of a batch write counts the rows it covers: an insert keyed by a
    /// range `first-last` of ids (a group enrolment's policies, a batch's
    /// ledger entries) and an import with `firstID`…`lastID` in its summary.
    public static func changes(_ db: Database, after id: Int64) throws -> [TableChange] {
        var counts: [String: [String: Int]] = [:]
        try AuditStore.changedRows(db, after: id) { table, action, key, firstID, lastID in
            counts[table, default: [:]][action, default: 0] += rowsCovered(table: table, action: action, key: key,
                                                                            firstID: firstID, lastID: lastID)
        }
        return counts.keys.sorted().flatMap { table in
            counts[table]!.keys.sorted().map { TableChange(tableName: table, action: $0, count: counts[table]![$0]!) }
        }
    }

    /// Tables whose audit rows are keyed by a code (which may hold a `-`), not an id.
    static let codeKeyedTables: Set<String> = ["office", "unit", "plan"]

    /// How many rows one audit row stands for (see ``changes(_:after:)``).
    static func rowsCovered(table: String, action: String, key: String, firstID: Int64?, lastID: Int64?) -> Int {
        if action == "import", let firstID, let lastID, firstID <= lastID { return Int(lastID - firstID + 1) }
        guard action == "insert", !codeKeyedTables.contains(table) else { return 1 }
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let first = Int64(parts[0]), let last = Int64(parts[1]), first <= last else { return 1 }
        return Int(last - first + 1)
    }

    /// The audit rows after an id, oldest first.
    public static func entries(_ db: Database, after id: Int64 = 0) throws -> [AuditEntry] {
        try AuditStore.entries(db, after: id)
    }
}

/// How many rows of a table a run inserted, updated or deleted.
public struct TableChange: Hashable, Sendable, Codable {
    /// The table, e.g. `policy`.
    public var tableName: String
    /// `insert`, `update` or `delete`.
    public var action: String
    /// The number of rows.
    public var count: Int
}
