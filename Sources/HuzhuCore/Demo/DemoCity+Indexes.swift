import GRDB

// MARK: - Indexes built after the enrollments

extension DemoCity {
    /// The secondary indexes that the group enrollments write but never
    /// read, dropped while the city's enrollments are written and built
    /// again, each by one sort, right after them (as ``BulkLoad`` does for
    /// the member table during an import).
    ///
    /// What the enrollments read stays in place: the member indexes, the
    /// policies by member (already-enrolled and exclusive-group checks) and
    /// by batch, the ledger entries by policy (contributions posted once),
    /// and every unique index (they keep being enforced on each insert).
    /// So do the ledger lines' indexes and the entries by claim: the
    /// enrollments add to them at their ends, as cheap as building them
    /// again (measured: deferring them too made the build slower).
    /// Each index is re-created from its own SQL in `sqlite_master`, so the
    /// schema afterwards is the schema before, whatever migrations made it;
    /// both steps happen in the build's transaction.
    struct DeferredIndexes {
        /// The indexes dropped, by name (one absent from the schema is skipped).
        static let names = [
            "policy_on_planTermID", "policy_on_year", "policy_on_unitCode_year", "policy_on_planCode_year",
            "ledgerEntry_on_entryDate", "audit_on_tableName_rowKey",
        ]

        /// The SQL of the indexes dropped, to build them again.
        private var dropped: [String] = []

        /// Drops the indexes of ``names`` that exist.
        ///
        /// - Parameter db: The build's connection, inside its transaction.
        init(_ db: Database) throws {
            for name in DeferredIndexes.names {
                guard let sql = try String.fetchOne(db, sql: """
                    SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ? AND sql IS NOT NULL
                    """, arguments: [name]) else { continue }
                try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
                dropped.append(sql)
            }
        }

        /// Builds the dropped indexes again.
        mutating func rebuild(_ db: Database) throws {
            for sql in dropped { try db.execute(sql: sql) }
            dropped = []
        }
    }
}
