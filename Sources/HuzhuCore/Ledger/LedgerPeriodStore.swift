import GRDB

/// The SQL of closed periods (``LedgerService`` holds the rules).
enum LedgerPeriodStore {
    /// Every closing, oldest first.
    static func closings(_ db: Database) throws -> [LedgerClosing] {
        try LedgerClosing.order(Column("id")).fetchAll(db)
    }

    /// The latest closing, if any.
    static func latest(_ db: Database) throws -> LedgerClosing? {
        try LedgerClosing.order(Column("throughDate").desc).fetchOne(db)
    }

    static func insert(_ db: Database, _ closing: inout LedgerClosing) throws {
        try closing.insert(db)
    }
}
