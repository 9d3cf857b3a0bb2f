import GRDB

/// Secondary indexes dropped for a bulk write and built again after it,
/// each by one sort (several times cheaper than a million random inserts
/// into it). Each is re-created from its own SQL in `sqlite_master`, so the
/// schema afterwards is the schema before, whatever migrations made it.
/// Indexes without SQL — the automatic ones of `UNIQUE` constraints — are
/// never dropped and keep being enforced on every insert. Both steps belong
/// inside the caller's transaction: if it rolls back, nothing was dropped.
struct DroppedIndexes {
    /// The SQL of the indexes dropped, in the order they are built again.
    private var statements: [String] = []

    /// Drops every index of `table` that has SQL.
    init(_ db: Database, table: String) throws {
        try drop(db, Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name
            """, arguments: [table]))
    }

    /// Drops the indexes named that exist and have SQL, in that order.
    init(_ db: Database, named names: [String]) throws {
        for name in names {
            try drop(db, Row.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name = ? AND sql IS NOT NULL
                """, arguments: [name]))
        }
    }

    private mutating func drop(_ db: Database, _ indexes: [Row]) throws {
        for index in indexes {
            let name: String = index["name"]
            try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
            statements.append(index["sql"])
        }
    }

    /// Builds the dropped indexes again.
    mutating func rebuild(_ db: Database) throws {
        for sql in statements { try db.execute(sql: sql) }
        statements = []
    }
}
