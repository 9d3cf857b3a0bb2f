import Foundation
import GRDB

extension Migrations {
    /// The kinds an entry may have, checked by the trigger `ledgerEntry_kind`.
    static let ledgerEntryKinds = ["contribution", "refund", "payout", "reversal", "adjustment"]

    /// Adds the entry kind `adjustment` (a re-split's one adjusting entry per
    /// policy). The kind's CHECK constraint cannot change in place, so
    /// `ledgerEntry` is rebuilt as SQLite documents it (new table, copy,
    /// drop, rename; foreign keys are off during a migration), with the
    /// same columns, indexes and append-only triggers; the kinds are then
    /// checked by a trigger, which a later kind replaces without another
    /// rebuild. Ids, and so every reference to an entry, stay as they were.
    static func addLedgerAdjustments(_ db: Database) throws {
        let table = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'ledgerEntry'")!
        let dependents = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master
            WHERE tbl_name = 'ledgerEntry' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name
            """)
        var rebuilt = table.replacingOccurrences(of: #"\s*CHECK\s*\(\s*"?kind"?\s+IN\s*\([^)]*\)\s*\)"#, with: "",
                                                 options: .regularExpression)
        guard let name = rebuilt.range(of: #"^CREATE TABLE\s+"?ledgerEntry"?"#, options: .regularExpression) else {
            throw DatabaseError(message: "ledgerEntry's definition is not a CREATE TABLE")
        }
        rebuilt.replaceSubrange(name, with: "CREATE TABLE \"ledgerEntry_rebuilt\"")
        try db.execute(sql: rebuilt)
        try db.execute(sql: """
            INSERT INTO ledgerEntry_rebuilt SELECT * FROM ledgerEntry;
            DROP TABLE ledgerEntry;
            ALTER TABLE ledgerEntry_rebuilt RENAME TO ledgerEntry;
            """)
        for sql in dependents { try db.execute(sql: sql) }
        try replaceLedgerEntryKindTrigger(db, kinds: ledgerEntryKinds)
    }

    /// (Re)creates the trigger that refuses an entry of an unknown kind.
    static func replaceLedgerEntryKindTrigger(_ db: Database, kinds: [String]) throws {
        let list = kinds.map { "'\($0)'" }.joined(separator: ", ")
        try db.execute(sql: """
            DROP TRIGGER IF EXISTS ledgerEntry_kind;
            CREATE TRIGGER ledgerEntry_kind BEFORE INSERT ON ledgerEntry WHEN NEW.kind NOT IN (\(list))
            BEGIN SELECT RAISE(ABORT, 'unknown ledger entry kind'); END;
            """)
    }

    /// Closed periods: each `huzhu ledger close` appends the month the
    /// books are closed through (append-only, forward-only). The service
    /// refuses an entry dated on or before the last closed day with a coded
    /// reason; the trigger `ledgerEntry_closed_period` refuses it anyway, so
    /// no path can write into a closed month.
    static func createLedgerClosings(_ db: Database) throws {
        try db.create(table: "ledgerClosing") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("throughMonth", .text).notNull().unique()
            t.column("throughDate", .text).notNull().unique()
            t.column("closedOn", .text).notNull()
            t.column("at", .text).notNull()
            t.column("operator", .text).notNull()
            t.column("scriptName", .text)
            t.column("scriptSHA256", .text)
        }
        for action in ["UPDATE", "DELETE"] {
            try db.execute(sql: """
                CREATE TRIGGER ledgerClosing_no_\(action.lowercased()) BEFORE \(action) ON ledgerClosing
                BEGIN SELECT RAISE(ABORT, 'closed periods are append-only: closing is forward-only'); END
                """)
        }
        try db.execute(sql: """
            CREATE TRIGGER ledgerClosing_forward BEFORE INSERT ON ledgerClosing
            WHEN NEW.throughDate <= (SELECT MAX(throughDate) FROM ledgerClosing)
            BEGIN SELECT RAISE(ABORT, 'closing is forward-only'); END;
            CREATE TRIGGER ledgerEntry_closed_period BEFORE INSERT ON ledgerEntry
            WHEN NEW.entryDate <= (SELECT MAX(throughDate) FROM ledgerClosing)
            BEGIN SELECT RAISE(ABORT, 'ledger entry dated in a closed period'); END;
            """)
    }
}
