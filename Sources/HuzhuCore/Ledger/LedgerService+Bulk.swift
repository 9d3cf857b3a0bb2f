import GRDB

extension LedgerService {
    /// Posts the contributions of a group-enrollment batch in a few set-based
    /// statements: for each of the batch's policies not yet posted, an entry
    /// debiting `fund:cash` with the contribution and crediting each payer's
    /// contribution account with its share — the same entries as
    /// ``postContribution(_:policy:context:)``, balanced by construction.
    /// One audit row records the range of entries.
    ///
    /// - Returns: How many entries were posted.
    @discardableResult
    public func postContributions(_ db: Database, batchID: Int64, context: WriteContext) throws -> Int {
        // Cached statements: a demo city posts thousands of batches in one transaction.
        let before = try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(id), 0) FROM ledgerEntry")) ?? 0
        try db.cachedStatement(sql: """
            INSERT INTO ledgerEntry (entryDate, kind, memo, policyID, unitCode, at, operator, scriptName, scriptSHA256)
            SELECT ?, 'contribution', 'contribution of policy ' || p.id || ' (' || p.planCode || ' ' || p.year || ')',
                   p.id, p.unitCode, ?, ?, ?, ?
            FROM policy p
            WHERE p.batchID = ? AND p.status = 'active'
              AND NOT EXISTS (SELECT 1 FROM ledgerEntry e WHERE e.policyID = p.id AND e.kind = 'contribution')
            ORDER BY p.id
            """).execute(arguments: [context.today.description, AuditLog.timestamp(context.clock()), context.operatorName,
                             context.scriptName, context.scriptSHA256, batchID])
        let count = db.changesCount
        guard count > 0 else { return 0 }
        let lines: [(String, String, String)] = [
            (LedgerAccount.fundCash.rawValue, "p.contribution", "0"),
            (LedgerAccount.contributionsAdministration.rawValue, "0", "p.splitAdministration"),
            (LedgerAccount.contributionsUnion.rawValue, "0", "p.splitUnion"),
            (LedgerAccount.contributionsMember.rawValue, "0", "p.splitMember"),
        ]
        for (account, debit, credit) in lines {
            try db.cachedStatement(sql: """
                INSERT INTO ledgerLine (entryID, account, debit, credit)
                SELECT e.id, ?, \(debit), \(credit)
                FROM ledgerEntry e JOIN policy p ON p.id = e.policyID
                WHERE e.id > ? AND (\(debit) + \(credit)) > 0
                ORDER BY e.id
                """).execute(arguments: [account, before])
        }
        let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(id) FROM ledgerEntry")) ?? before
        try AuditLog.record(db, context: context, action: "insert", operation: "postContributions", table: "ledgerEntry",
                            rowKey: "\(before + 1)-\(last)", summary: ["batch": .integer(batchID), "count": .integer(Int64(count))])
        return count
    }
}
