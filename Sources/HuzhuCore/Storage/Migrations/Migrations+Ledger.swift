import GRDB

extension Migrations {
    /// The fund's double-entry ledger: entries and their lines, append-only
    /// by the database's own triggers.
    static func createLedger(_ db: Database) throws {
        try db.create(table: "ledgerEntry") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("entryDate", .text).notNull().indexed()
            t.column("kind", .text).notNull()
                .check { ["contribution", "refund", "payout", "reversal"].contains($0) }
            t.column("memo", .text).notNull()
            t.column("policyID", .integer).references("policy").indexed()
            t.column("claimID", .integer).references("claim").indexed()
            t.column("reversesEntryID", .integer).references("ledgerEntry")
            t.column("unitCode", .text).notNull().references("unit")
            t.column("at", .text).notNull()
            t.column("operator", .text).notNull()
            t.column("scriptName", .text)
            t.column("scriptSHA256", .text)
            // Every entry belongs to a policy or a claim.
            t.check(sql: "policyID IS NOT NULL OR claimID IS NOT NULL")
        }
        // A payout is posted once and an entry reversed once. (A contribution
        // may be posted again after its first posting was reversed, e.g. when a
        // subsidy rule re-splits it; the service refuses a second live one.)
        try db.create(index: "ledgerEntry_one_payout", on: "ledgerEntry", columns: ["claimID"],
                      options: .unique, condition: Column("kind") == "payout")
        try db.create(index: "ledgerEntry_one_reversal", on: "ledgerEntry", columns: ["reversesEntryID"],
                      options: .unique, condition: Column("reversesEntryID") != nil)

        try db.create(table: "ledgerLine") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("entryID", .integer).notNull().references("ledgerEntry").indexed()
            t.column("account", .text).notNull()
            t.column("debit", .integer).notNull().check { $0 >= 0 }
            t.column("credit", .integer).notNull().check { $0 >= 0 }
            t.check(sql: "(debit > 0 AND credit = 0) OR (credit > 0 AND debit = 0)")
        }
        try db.create(index: "ledgerLine_on_account", on: "ledgerLine", columns: ["account", "entryID"])

        for table in ["ledgerEntry", "ledgerLine"] {
            for action in ["UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_\(action.lowercased()) BEFORE \(action) ON \(table)
                    BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END
                    """)
            }
        }
    }
}
