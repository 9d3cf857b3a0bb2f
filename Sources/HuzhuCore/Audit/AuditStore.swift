import GRDB

/// The SQL of the audit trail (``AuditLog`` is what writers and readers call).
enum AuditStore {
    static func insert(_ db: Database, _ entry: inout AuditEntry) throws {
        try entry.insert(db)
    }

    /// The id of the latest audit row, 0 when there is none.
    static func lastID(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM audit") ?? 0
    }

    /// Table, action, row key and the summary's `firstID`/`lastID` of each row after an id.
    static func changedRows(_ db: Database, after id: Int64,
                            _ each: (_ table: String, _ action: String, _ key: String, _ firstID: Int64?, _ lastID: Int64?) -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT tableName, action, rowKey, json_extract(summary, '$.firstID'), json_extract(summary, '$.lastID')
            FROM audit WHERE id > ?
            """, arguments: [id])
        while let row = try rows.next() { each(row[0], row[1], row[2], row[3], row[4]) }
    }

    static func entries(_ db: Database, after id: Int64) throws -> [AuditEntry] {
        try AuditEntry.filter(AuditEntry.Columns.id > id).order(AuditEntry.Columns.id).fetchAll(db)
    }
}
