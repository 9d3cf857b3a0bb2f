import GRDB

/// How a write over much of the database — a year's group enrolments of a
/// whole city — runs in one go: with a larger page cache than the
/// connection's 2 MiB (each unit's members are scattered over the member
/// table), and with the secondary indexes it writes but never reads
/// dropped first and built once at the end, each by one sort
/// (``DroppedIndexes``, as ``BulkLoad`` does for an import). All of it in
/// a savepoint: if the body throws, nothing it wrote stays and every index
/// is back, even when the caller goes on in the same transaction.
enum LargeWrite {
    /// The page cache of a large write, in KiB (128 MiB).
    static let cacheKiB = 128 << 10

    /// The indexes a group enrolment writes but never reads. What it reads
    /// stays: the member indexes, the policies by member (already-enrolled
    /// and exclusive-group checks) and by batch, the ledger entries by
    /// policy, and every unique index (enforced on each insert); so do the
    /// ledger lines' indexes and the entries by claim, which grow at their
    /// ends (measured: deferring them too was slower). One absent from the
    /// schema is skipped.
    static let indexesNotReadByEnrollment = [
        "policy_on_planTermID", "policy_on_year", "policy_on_unitCode_year", "policy_on_planCode_year",
        "ledgerEntry_on_entryDate", "audit_on_tableName_rowKey",
    ]

    /// Runs `body` as a large write.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - indexes: The indexes to build after `body` rather than during it.
    ///   - body: The writes.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws (everything it wrote rolled back), or a database error.
    static func run<T>(_ db: Database, deferring indexes: [String], _ body: () throws -> T) throws -> T {
        let previousCacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2_000
        try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(previousCacheSize)") }
        var result: T?
        try db.inSavepoint {
            var deferred = try DroppedIndexes(db, named: indexes)
            result = try body()
            try deferred.rebuild(db)
            return .commit
        }
        return result!
    }
}
