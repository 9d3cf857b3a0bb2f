import GRDB

extension Migrations {
    /// Issue 16 (payouts): benefits are booked when approved (Dr
    /// benefits:paid, Cr benefits:payable) and paid out of the payable; a
    /// reopened claim's amount owed back is an asset (members:owe), repaid
    /// into the bank.
    ///
    /// The new kinds (`approval`, `owed`, `repayment`) need no change to
    /// `ledgerEntry`: `createBillsAndReceipts` dropped its CHECK on kind
    /// (the kinds are the Swift enum ``LedgerEntryKind``).
    /// A member's repayment of an owed amount is a row of the append-only
    /// `claimRepayment` table with its ledger entry.
    static func addClaimPayables(_ db: Database) throws {
        // What the books did not say before: each approved claim's amount still to pay
        // (approved − paid so far) and each claim's amount owed back, as new entries.
        let rows = try Row.fetchAll(db, sql: """
            SELECT c.id, c.policyID, c.unitCode, c.statusSince,
                   CASE WHEN c.status = 'approved'
                        THEN c.approvedAmount - COALESCE(cp.amount, 0) - COALESCE((SELECT SUM(amount) FROM claimAdjustment a
                             WHERE a.claimID = c.id AND a.kind = 'furtherPayment'), 0) ELSE 0 END AS payable,
                   COALESCE((SELECT SUM(CASE a.kind WHEN 'owed' THEN a.amount WHEN 'owedCancelled' THEN -a.amount ELSE 0 END)
                             FROM claimAdjustment a WHERE a.claimID = c.id), 0) AS owed
            FROM claim c LEFT JOIN claimPayment cp ON cp.claimID = c.id
            WHERE payable > 0 OR owed > 0 ORDER BY c.id
            """)
        for row in rows {
            let (id, policyID, unit, date): (Int64, Int64, String, String) = (row[0], row[1], row[2], row[3])
            let payable: Int64 = row[4], owed: Int64 = row[5]
            for (kind, amount, debit, credit, what) in [
                ("approval", payable, "benefits:paid", "benefits:payable", "approval"),
                ("owed", owed, "members:owe", "benefits:paid", "owed back"),
            ] where amount > 0 {
                try db.execute(sql: """
                    INSERT INTO ledgerEntry (entryDate, kind, memo, policyID, claimID, unitCode, at, operator)
                    VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'migration')
                    """, arguments: [date, kind, "\(what) of claim \(id) (policy \(policyID)), migrated", policyID, id, unit])
                let entryID = db.lastInsertedRowID
                try db.execute(sql: "INSERT INTO ledgerLine (entryID, account, debit, credit) VALUES (?, ?, ?, 0), (?, ?, 0, ?)",
                               arguments: [entryID, debit, amount, entryID, credit, amount])
                try db.execute(sql: """
                    INSERT INTO audit (operator, at, action, operation, tableName, rowKey, summary)
                    VALUES ('migration', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'insert', 'addClaimPayables', 'ledgerEntry', ?, ?)
                    """, arguments: [String(entryID), "{\"claim\":\(id),\"kind\":\"\(kind)\",\"amount\":\(amount)}"])
            }
        }
        try db.create(table: "claimRepayment") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("claimID", .integer).notNull().references("claim").indexed()
            t.column("amount", .integer).notNull().check { $0 > 0 }
            t.column("on", .text).notNull()
            t.column("method", .text).notNull()
            t.column("reference", .text).notNull()
            t.column("ledgerEntryID", .integer).notNull().unique().references("ledgerEntry")
            t.column("operator", .text).notNull()
        }
        for action in ["UPDATE", "DELETE"] {
            try db.execute(sql: """
                CREATE TRIGGER claimRepayment_no_\(action.lowercased()) BEFORE \(action) ON claimRepayment
                BEGIN SELECT RAISE(ABORT, 'claim repayments are append-only'); END
                """)
        }
    }
}

extension Migrations {
    /// Issue 16 (payouts): a member's payee bank account (one per member,
    /// replaced when changed), a claim's other payee (a death benefit's
    /// beneficiary), and the payout batches sent to the bank with one item
    /// per claim (sent, then paid or failed from the bank's answer).
    ///
    /// Account numbers are kept in full (the bank file needs them) next to
    /// their masked form; only the bank file shows the full number — reads
    /// and `huzhu.sql` see the masked column (the full one is refused).
    static func createPayouts(_ db: Database) throws {
        try db.create(table: "memberBankAccount") { t in
            t.primaryKey("memberID", .integer).references("member")
            t.column("bank", .text).notNull()
            t.column("accountNumber", .text).notNull()
            t.column("accountMasked", .text).notNull()
            t.column("since", .text).notNull()
            t.column("operator", .text).notNull()
        }
        try db.create(table: "claimPayee") { t in
            t.primaryKey("claimID", .integer).references("claim")
            t.column("name", .text).notNull()
            t.column("bank", .text).notNull()
            t.column("accountNumber", .text).notNull()
            t.column("accountMasked", .text).notNull()
            t.column("operator", .text).notNull()
        }
        try db.create(table: "payoutBatch") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("sentOn", .text).notNull()
            t.column("file", .text).notNull()
            t.column("count", .integer).notNull()
            t.column("total", .integer).notNull()
            // The top unit of the scoped run that sent it; NULL for the whole federation.
            t.column("scopeUnit", .text)
            t.column("at", .text).notNull()
            t.column("operator", .text).notNull()
            t.column("scriptName", .text)
            t.column("scriptSHA256", .text)
        }
        try db.create(table: "payoutItem") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("batchID", .integer).notNull().references("payoutBatch").indexed()
            t.column("claimID", .integer).notNull().references("claim").indexed()
            t.column("reference", .text).notNull().unique()
            t.column("payee", .text).notNull()
            t.column("accountMasked", .text).notNull()
            t.column("amount", .integer).notNull().check { $0 > 0 }
            t.column("status", .text).notNull().check { ["sent", "paid", "failed"].contains($0) }
            t.column("answeredOn", .text)
            t.column("message", .text)
        }
        // A claim waits in one sent batch at most.
        try db.execute(sql: "CREATE UNIQUE INDEX payoutItem_one_sent ON payoutItem (claimID) WHERE status = 'sent'")
    }
}
