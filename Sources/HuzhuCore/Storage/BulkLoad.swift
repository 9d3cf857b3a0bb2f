import GRDB

/// What a large import does to the database connection while it loads,
/// and undoes before it commits: a bigger page cache, and the table's
/// secondary indexes dropped and built again at the end (``DroppedIndexes``).
struct BulkLoad {
    private var droppedIndexes: DroppedIndexes?
    private var previousCacheSize: Int?

    /// The largest page cache a load asks for (64 MiB). Rows arrive sorted
    /// by the unique key, so the table and its unique index grow at their
    /// ends and a small cache holds the pages being written; a cache the
    /// size of the database (what loads first used) was most of the
    /// import's peak memory without making it faster.
    static let maximumCacheKiB = 64 << 10

    /// Rows from which an import drops and rebuilds the indexes.
    static let indexRebuildThreshold = 50_000

    /// Prepares `table` for loading about `rows` rows.
    ///
    /// - Parameters:
    ///   - db: The import's connection, inside its transaction.
    ///   - table: The table loaded.
    ///   - rows: The expected number of rows; small imports change nothing.
    ///   - bytes: The file's size, to size the page cache.
    init(_ db: Database, table: String, rows: Int, bytes: Int) throws {
        guard rows >= BulkLoad.indexRebuildThreshold else { return }
        previousCacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size")
        let kibibytes = min(BulkLoad.maximumCacheKiB, max(16 << 10, bytes / 1024 * 4))
        try db.execute(sql: "PRAGMA cache_size = -\(kibibytes)")
        let existing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0
        guard rows * 2 >= existing else { return }
        droppedIndexes = try DroppedIndexes(db, table: table)
    }

    /// Builds the dropped indexes again and restores the page cache.
    mutating func finish(_ db: Database) throws {
        try droppedIndexes?.rebuild(db)
        droppedIndexes = nil
        restoreCache(db)
    }

    /// Restores the page cache after a failure (the rollback restores the indexes).
    mutating func abandon(_ db: Database) {
        droppedIndexes = nil
        restoreCache(db)
    }

    private mutating func restoreCache(_ db: Database) {
        if let size = previousCacheSize { try? db.execute(sql: "PRAGMA cache_size = \(size)") }
        previousCacheSize = nil
    }
}
