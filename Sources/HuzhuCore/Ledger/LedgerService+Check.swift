import GRDB

extension LedgerService {
    /// Proves the books: every entry balances, each contribution account
    /// equals what the policies say that payer paid, benefits:paid equals
    /// the paid claims, and each policy and each paid claim is posted
    /// exactly — returning every disagreement with both figures.
    ///
    /// A policy's contribution is expected in the books unless the policy
    /// was cancelled *and* refunded (contributions are usually kept once
    /// the term starts). Within a scope, only the scope's entries, policies
    /// and claims are compared.
    ///
    /// ```swift
    /// let report = try ledger.check(db)
    /// if !report.isClean { print(report); exit(1) }
    /// // account contributions:member: ledger 26.00, policies 52.00 (differs by -26.00)
    /// // policy 2 contributions:member: ledger 0.00, policy 26.00 (differs by -26.00)
    /// ```
    ///
    /// - Parameters:
    ///   - db: A connection.
    ///   - detailLimit: The most per-record discrepancies (entries, policies,
    ///     claims) listed; the rest are counted in ``LedgerCheckReport/omitted``.
    /// - Returns: The report.
    /// - Throws: A database error.
    public func check(_ db: Database, detailLimit: Int = 100) throws -> LedgerCheckReport {
        let range = try scope.range(in: db)
        func whereScope(_ column: String) -> SQL {
            range.condition(on: column).map { " AND " + $0 } ?? ""
        }
        var found: [LedgerDiscrepancy] = []
        var omitted = 0
        func add(_ discrepancy: LedgerDiscrepancy, counted index: Int) {
            if index < detailLimit { found.append(discrepancy) } else { omitted += 1 }
        }

        // 1. Every entry balances.
        let entriesChecked = try Int.fetchOne(db, SQLRequest<Int>(literal: "SELECT COUNT(*) FROM ledgerEntry e WHERE 1"
                                                                  + whereScope("e.unitCode"))) ?? 0
        let unbalanced = try Row.fetchAll(db, SQLRequest<Row>(literal: """
            SELECT e.id, COALESCE(SUM(l.debit), 0) AS debits, COALESCE(SUM(l.credit), 0) AS credits
            FROM ledgerEntry e LEFT JOIN ledgerLine l ON l.entryID = e.id
            WHERE 1
            """ + whereScope("e.unitCode") + " GROUP BY e.id HAVING debits != credits ORDER BY e.id"))
        for (index, row) in unbalanced.enumerated() {
            add(LedgerDiscrepancy(kind: .unbalancedEntry, subject: "entry \(row[0] as Int64)",
                                  ledger: Money(fen: row[1]), expected: Money(fen: row[2]), source: "credits"),
                counted: index)
        }

        // 2. Accounts against policies and claims.
        let balances = try self.balances(db)
        let holds: SQL = """
            (p.status != 'cancelled'
             OR NOT EXISTS (SELECT 1 FROM ledgerEntry r WHERE r.policyID = p.id AND r.kind = 'refund'))
            """
        let expected = try Row.fetchOne(db, SQLRequest<Row>(literal: """
            SELECT COALESCE(SUM(p.splitAdministration), 0), COALESCE(SUM(p.splitUnion), 0), COALESCE(SUM(p.splitMember), 0)
            FROM policy p WHERE \(holds)
            """ + whereScope("p.unitCode")))!
        for (index, (_, account)) in LedgerAccount.contributionAccounts.enumerated() {
            let ledger = balances.first { $0.account == account }!.balance
            let policies = Money(fen: expected[index])
            if ledger != policies {
                found.append(LedgerDiscrepancy(kind: .contributionAccount, subject: "account \(account.rawValue)",
                                               ledger: ledger, expected: policies, source: "policies"))
            }
        }
        let paid = Money(fen: try Int64.fetchOne(db, SQLRequest<Int64>(literal: """
            SELECT COALESCE(SUM(cp.amount), 0) FROM claimPayment cp JOIN claim c ON c.id = cp.claimID WHERE 1
            """ + whereScope("c.unitCode"))) ?? 0)
        let benefits = balances.first { $0.account == .benefitsPaid }!.balance
        if benefits != paid {
            found.append(LedgerDiscrepancy(kind: .benefitsAccount, subject: "account \(LedgerAccount.benefitsPaid.rawValue)",
                                           ledger: benefits, expected: paid, source: "paid claims"))
        }

        // 3. Each policy, payer by payer.
        let perPolicy = try Row.fetchCursor(db, SQLRequest<Row>(literal: """
            SELECT p.id,
                   CASE WHEN \(holds) THEN p.splitAdministration ELSE 0 END AS ea,
                   CASE WHEN \(holds) THEN p.splitUnion ELSE 0 END AS eu,
                   CASE WHEN \(holds) THEN p.splitMember ELSE 0 END AS em,
                   COALESCE(x.xa, 0) AS pa, COALESCE(x.xu, 0) AS pu, COALESCE(x.xm, 0) AS pm
            FROM policy p
            LEFT JOIN (
                SELECT e.policyID AS policyID,
                       SUM(CASE WHEN l.account = 'contributions:administration' THEN l.credit - l.debit ELSE 0 END) AS xa,
                       SUM(CASE WHEN l.account = 'contributions:union' THEN l.credit - l.debit ELSE 0 END) AS xu,
                       SUM(CASE WHEN l.account = 'contributions:member' THEN l.credit - l.debit ELSE 0 END) AS xm
                FROM ledgerEntry e JOIN ledgerLine l ON l.entryID = e.id
                WHERE e.policyID IS NOT NULL GROUP BY e.policyID
            ) x ON x.policyID = p.id
            WHERE (ea != pa OR eu != pu OR em != pm)
            """ + whereScope("p.unitCode") + " ORDER BY p.id"))
        var policyIndex = 0
        while let row = try perPolicy.next() {
            let id: Int64 = row[0]
            for (offset, (_, account)) in LedgerAccount.contributionAccounts.enumerated() {
                let want: Int64 = row[1 + offset], have: Int64 = row[4 + offset]
                guard want != have else { continue }
                add(LedgerDiscrepancy(kind: .policyContribution, subject: "policy \(id) \(account.rawValue)",
                                      ledger: Money(fen: have), expected: Money(fen: want), source: "policy"),
                    counted: policyIndex)
                policyIndex += 1
            }
        }

        // 4. Each claim's payout against its payment.
        let perClaim = try Row.fetchCursor(db, SQLRequest<Row>(literal: """
            SELECT c.id, COALESCE(cp.amount, 0) AS paid, COALESCE(x.net, 0) AS posted
            FROM claim c
            LEFT JOIN claimPayment cp ON cp.claimID = c.id
            LEFT JOIN (
                SELECT e.claimID AS claimID, SUM(l.debit - l.credit) AS net
                FROM ledgerEntry e JOIN ledgerLine l ON l.entryID = e.id
                WHERE e.claimID IS NOT NULL AND l.account = 'benefits:paid' GROUP BY e.claimID
            ) x ON x.claimID = c.id
            WHERE paid != posted
            """ + whereScope("c.unitCode") + " ORDER BY c.id"))
        var claimIndex = 0
        while let row = try perClaim.next() {
            add(LedgerDiscrepancy(kind: .claimPayout, subject: "claim \(row[0] as Int64) \(LedgerAccount.benefitsPaid.rawValue)",
                                  ledger: Money(fen: row[2]), expected: Money(fen: row[1]), source: "payment"),
                counted: claimIndex)
            claimIndex += 1
        }
        return LedgerCheckReport(discrepancies: found, omitted: omitted, entriesChecked: entriesChecked)
    }
}
