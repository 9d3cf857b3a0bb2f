import Foundation
import GRDB

extension Migrations {
    /// Bills, receipts and their settlements (issue 16): the remitting unit
    /// is billed its members' contributions and pays them from the bank.
    ///
    /// - `bill`: one per enrolment batch, or one per unit and day for single
    ///   enrolments, or one per unit for contributions posted before bills
    ///   (`migrated`); its amount is what its entries charge to
    ///   `receivable:contributions`.
    /// - `receipt`: money from the bank statement, its reference unique.
    /// - `billSettlement`: what a receipt (or a refund against an unpaid
    ///   bill) took off a bill, by payer part.
    ///
    /// `ledgerEntry` is rebuilt (rows copied unchanged) to name an entry's
    /// bill and receipt and to drop the CHECKs that limited its kinds and
    /// required a policy or claim: the service checks both now.
    ///
    /// Contributions posted before this migration (Dr fund:cash) are billed
    /// and settled by new entries only, per unit: a `migration` entry
    /// (Dr receivable:contributions, Cr fund:cash) on a `migrated` bill and
    /// a receipt marked `migrated` (Dr fund:cash, Cr receivable:contributions),
    /// both dated the unit's last such entry — no false arrears, fund:cash
    /// unchanged.
    static func createBillsAndReceipts(_ db: Database) throws {
        try db.create(table: "bill") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("unitCode", .text).notNull().references("unit").indexed()
            t.column("kind", .text).notNull().check { ["batch", "daily", "migrated"].contains($0) }
            t.column("batchID", .integer).references("enrollmentBatch")
            t.column("issuedOn", .text).notNull()
            t.column("dueOn", .text).notNull()
            t.column("at", .text).notNull()
            t.column("operator", .text).notNull()
        }
        try db.execute(sql: """
            CREATE UNIQUE INDEX bill_one_per_batch ON bill (batchID) WHERE batchID IS NOT NULL;
            CREATE UNIQUE INDEX bill_one_daily ON bill (unitCode, issuedOn) WHERE kind = 'daily';
            """)
        try db.create(table: "receipt") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("receivedOn", .text).notNull()
            t.column("unitCode", .text).references("unit").indexed()
            t.column("payer", .text).notNull()
            t.column("amount", .integer).notNull().check { $0 > 0 }
            t.column("reference", .text).notNull().unique()
            t.column("migrated", .boolean).notNull().defaults(to: false)
            // Why money was held in receipts:unapplied: 910 (payer is no unit), 911 (more than owed).
            t.column("heldCode", .integer)
            t.column("at", .text).notNull()
            t.column("operator", .text).notNull()
            t.column("scriptName", .text)
            t.column("scriptSHA256", .text)
        }
        try rebuildLedgerEntry(db)
        try db.create(table: "billSettlement") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("billID", .integer).notNull().references("bill").indexed()
            t.column("entryID", .integer).notNull().references("ledgerEntry").indexed()
            t.column("receiptID", .integer).references("receipt").indexed()
            t.column("amount", .integer).notNull().check { $0 > 0 }
            t.column("administration", .integer).notNull()
            t.column("union", .integer).notNull()
            t.column("member", .integer).notNull()
        }
        for table in ["bill", "receipt", "billSettlement"] {
            for action in ["UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_\(action.lowercased()) BEFORE \(action) ON \(table)
                    BEGIN SELECT RAISE(ABORT, 'bills and receipts are append-only'); END
                    """)
            }
        }
        try billLegacyContributions(db)
    }

    /// Copies `ledgerEntry` into a table with `billID` and `receiptID` and
    /// without the CHECKs on kind and on policy/claim; indexes and triggers kept.
    private static func rebuildLedgerEntry(_ db: Database) throws {
        let objects = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE tbl_name = 'ledgerEntry' AND type IN ('index', 'trigger') AND sql IS NOT NULL
            """)
        try db.create(table: "ledgerEntryNew") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("entryDate", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("memo", .text).notNull()
            t.column("policyID", .integer).references("policy")
            t.column("claimID", .integer).references("claim")
            t.column("reversesEntryID", .integer).references("ledgerEntry")
            t.column("unitCode", .text).notNull().references("unit")
            t.column("at", .text).notNull()
            t.column("operator", .text).notNull()
            t.column("scriptName", .text)
            t.column("scriptSHA256", .text)
            t.column("billID", .integer).references("bill")
            t.column("receiptID", .integer).references("receipt")
        }
        try db.execute(sql: """
            INSERT INTO ledgerEntryNew (id, entryDate, kind, memo, policyID, claimID, reversesEntryID, unitCode, at, operator,
                                        scriptName, scriptSHA256)
            SELECT id, entryDate, kind, memo, policyID, claimID, reversesEntryID, unitCode, at, operator, scriptName, scriptSHA256
            FROM ledgerEntry ORDER BY id;
            DROP TABLE ledgerEntry;
            PRAGMA legacy_alter_table = ON;
            ALTER TABLE ledgerEntryNew RENAME TO ledgerEntry;
            PRAGMA legacy_alter_table = OFF;
            """)
        for sql in objects { try db.execute(sql: sql) }
        try db.execute(sql: """
            CREATE INDEX ledgerEntry_on_bill ON ledgerEntry (billID) WHERE billID IS NOT NULL;
            CREATE INDEX ledgerEntry_on_receipt ON ledgerEntry (receiptID) WHERE receiptID IS NOT NULL;
            """)
    }

    /// Bills and settles, per unit, the contributions posted to fund:cash before bills existed.
    private static func billLegacyContributions(_ db: Database) throws {
        let units = try Row.fetchAll(db, sql: """
            SELECT e.unitCode, MAX(e.entryDate),
                   SUM(CASE WHEN l.account = 'fund:cash' THEN l.debit - l.credit ELSE 0 END),
                   SUM(CASE WHEN l.account = 'contributions:administration' THEN l.credit - l.debit ELSE 0 END),
                   SUM(CASE WHEN l.account = 'contributions:union' THEN l.credit - l.debit ELSE 0 END),
                   SUM(CASE WHEN l.account = 'contributions:member' THEN l.credit - l.debit ELSE 0 END)
            FROM ledgerEntry e JOIN ledgerLine l ON l.entryID = e.id
            WHERE e.kind IN ('contribution', 'refund', 'reversal') AND e.claimID IS NULL
            GROUP BY e.unitCode ORDER BY e.unitCode
            """)
        let at = AuditLog.timestamp(Date())
        for row in units {
            let unit: String = row[0], day: String = row[1], amount: Int64 = row[2]
            guard amount > 0 else { continue }
            let context = WriteContext(operator: "migration", today: (try? CivilDate(parsing: day)) ?? .today())
            try db.execute(sql: """
                INSERT INTO bill (unitCode, kind, batchID, issuedOn, dueOn, at, operator) VALUES (?, 'migrated', NULL, ?, ?, ?, 'migration')
                """, arguments: [unit, day, day, at])
            let bill = db.lastInsertedRowID
            try db.execute(sql: """
                INSERT INTO ledgerEntry (entryDate, kind, memo, unitCode, at, operator, billID)
                VALUES (?, 'migration', 'contributions posted before bills, billed (migrated)', ?, ?, 'migration', ?)
                """, arguments: [day, unit, at, bill])
            let billing = db.lastInsertedRowID
            try db.execute(sql: """
                INSERT INTO ledgerLine (entryID, account, debit, credit) VALUES (?, 'receivable:contributions', ?, 0), (?, 'fund:cash', 0, ?)
                """, arguments: [billing, amount, billing, amount])
            try db.execute(sql: """
                INSERT INTO receipt (receivedOn, unitCode, payer, amount, reference, migrated, at, operator)
                VALUES (?, ?, ?, ?, ?, 1, ?, 'migration')
                """, arguments: [day, unit, unit, amount, "migrated-\(unit)", at])
            let receipt = db.lastInsertedRowID
            try db.execute(sql: """
                INSERT INTO ledgerEntry (entryDate, kind, memo, unitCode, at, operator, receiptID)
                VALUES (?, 'receipt', 'receipt migrated-' || ? || ' (migrated)', ?, ?, 'migration', ?)
                """, arguments: [day, unit, unit, at, receipt])
            let settling = db.lastInsertedRowID
            try db.execute(sql: """
                INSERT INTO ledgerLine (entryID, account, debit, credit) VALUES (?, 'fund:cash', ?, 0), (?, 'receivable:contributions', 0, ?)
                """, arguments: [settling, amount, settling, amount])
            try db.execute(sql: """
                INSERT INTO billSettlement (billID, entryID, receiptID, amount, administration, "union", member)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [bill, settling, receipt, amount, row[3] as Int64, row[4] as Int64, row[5] as Int64])
            for (entry, operation) in [(billing, "billLegacyContributions"), (settling, "receiveMigrated")] {
                try AuditLog.record(db, context: context, action: "insert", operation: operation, table: "ledgerEntry",
                                    rowKey: String(entry), summary: ["unit": .text(unit), "amount": .integer(amount), "migrated": true])
            }
        }
    }
}
