import Foundation
import GRDB

extension Migrations {
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
