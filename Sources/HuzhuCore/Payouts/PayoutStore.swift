import GRDB

/// The SQL of payee accounts and payout batches (``PayoutService`` holds the rules).
enum PayoutStore {
    /// A claim ready to be paid by the bank, with its payee's full account number.
    struct Candidate {
        var claimID: Int64
        var payee: String
        var digits: String
        var masked: String
        var amount: Int64
    }

    // MARK: - Accounts

    static func setMemberAccount(_ db: Database, memberID: Int64, bank: String, account: BankAccountNumber,
                                 since: CivilDate, operatorName: String) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO memberBankAccount (memberID, bank, accountNumber, accountMasked, since, operator)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [memberID, bank, account.digits, account.masked, since.description, operatorName])
    }

    /// A member's account: bank and masked number.
    static func memberAccount(_ db: Database, memberID: Int64) throws -> (bank: String, masked: String)? {
        try Row.fetchOne(db, sql: "SELECT bank, accountMasked FROM memberBankAccount WHERE memberID = ?",
                         arguments: [memberID]).map { ($0[0], $0[1]) }
    }

    static func setClaimPayee(_ db: Database, claimID: Int64, name: String, bank: String, account: BankAccountNumber,
                              operatorName: String) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO claimPayee (claimID, name, bank, accountNumber, accountMasked, operator)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [claimID, name, bank, account.digits, account.masked, operatorName])
    }

    /// A claim's other payee: name, bank and masked number.
    static func claimPayee(_ db: Database, claimID: Int64) throws -> (name: String, bank: String, masked: String)? {
        try Row.fetchOne(db, sql: "SELECT name, bank, accountMasked FROM claimPayee WHERE claimID = ?",
                         arguments: [claimID]).map { ($0[0], $0[1], $0[2]) }
    }

    // MARK: - Batches

    /// The sent batch a claim waits in, and the day it was sent.
    static func pendingBatch(_ db: Database, claimID: Int64) throws -> (Int64, CivilDate)? {
        try Row.fetchOne(db, sql: """
            SELECT b.id, b.sentOn FROM payoutItem i JOIN payoutBatch b ON b.id = i.batchID
            WHERE i.claimID = ? AND i.status = 'sent'
            """, arguments: [claimID]).map { ($0[0], $0[1]) }
    }

    /// The approved claims in a range of units with an amount still payable and a payee account
    /// (the claim's other payee, else the member's), not waiting in a sent batch, by id.
    static func candidates(_ db: Database, in range: UnitRange) throws -> [Candidate] {
        var sql: SQL = """
            SELECT c.id, COALESCE(cp.name, m.name), COALESCE(cp.accountNumber, mb.accountNumber),
                   COALESCE(cp.accountMasked, mb.accountMasked),
                   (SELECT COALESCE(SUM(l.credit - l.debit), 0) FROM ledgerLine l JOIN ledgerEntry e ON e.id = l.entryID
                    WHERE e.claimID = c.id AND l.account = 'benefits:payable') AS due
            FROM claim c JOIN member m ON m.id = c.memberID
            LEFT JOIN claimPayee cp ON cp.claimID = c.id
            LEFT JOIN memberBankAccount mb ON mb.memberID = c.memberID
            WHERE c.status = 'approved' AND (cp.claimID IS NOT NULL OR mb.memberID IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM payoutItem i WHERE i.claimID = c.id AND i.status = 'sent')
            """
        if let condition = range.condition(on: "c.unitCode") { sql = sql + " AND " + condition }
        let rows = try Row.fetchAll(db, SQLRequest<Row>(literal: sql + " ORDER BY c.id"))
        return rows.compactMap { row in
            let due: Int64 = row[4]
            return due > 0 ? Candidate(claimID: row[0], payee: row[1], digits: row[2], masked: row[3], amount: due) : nil
        }
    }

    /// Σ the payments sent to the bank and not yet answered, in fen.
    static func awaitingAnswer(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amount), 0) FROM payoutItem WHERE status = 'sent'") ?? 0
    }

    static func insert(_ db: Database, _ batch: inout PayoutBatch) throws {
        try batch.insert(db)
    }

    static func insert(_ db: Database, _ item: inout PayoutItem) throws {
        try item.insert(db)
    }

    static func update(_ db: Database, _ item: PayoutItem) throws {
        try item.update(db)
    }

    /// The item with a reference.
    static func item(_ db: Database, reference: String) throws -> PayoutItem? {
        try PayoutItem.fetchOne(db, sql: "SELECT * FROM payoutItem WHERE reference = ?", arguments: [reference])
    }

    static func batch(_ db: Database, id: Int64) throws -> PayoutBatch? {
        try PayoutBatch.fetchOne(db, key: id)
    }

    /// The items of a batch, by claim id.
    static func items(_ db: Database, batchID: Int64) throws -> [PayoutItem] {
        try PayoutItem.fetchAll(db, sql: "SELECT * FROM payoutItem WHERE batchID = ? ORDER BY claimID", arguments: [batchID])
    }

    /// A claim's unit.
    static func claimUnit(_ db: Database, claimID: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT unitCode FROM claim WHERE id = ?", arguments: [claimID])
    }
}

extension PayoutStore {
    /// Sets the payee accounts of members just imported, by resident ID.
    static func setMemberAccounts(_ db: Database, _ accounts: [(residentID: String, bank: String, account: BankAccountNumber)],
                                  since: CivilDate, operatorName: String) throws {
        guard !accounts.isEmpty else { return }
        let statement = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO memberBankAccount (memberID, bank, accountNumber, accountMasked, since, operator)
            SELECT id, ?, ?, ?, ?, ? FROM member WHERE residentID = ?
            """)
        for (residentID, bank, account) in accounts {
            try statement.execute(arguments: [bank, account.digits, account.masked, since.description, operatorName, residentID])
        }
    }
}
