import GRDB

extension LedgerService {
    /// Proves the books: every entry balances, each contribution account
    /// equals what the policies say that payer is charged, the claim
    /// accounts equal what the claims say — benefits:payable = approved −
    /// paid, benefits:paid = what members keep (paid − owed back) + the
    /// payable, members:owe = owed back − repaid — each unit's
    /// receivable:contributions equals its bills less what settled them,
    /// receipts:unapplied equals the receipts less what was applied from
    /// them, fund:cash equals the receipts less the benefits paid out plus
    /// the repayments (contributions reach the bank only as receipts), and
    /// each policy and each claim is posted exactly — returning every
    /// disagreement with both figures.
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
        var found: [LedgerDiscrepancy] = []
        var omitted = 0
        func add(_ discrepancy: LedgerDiscrepancy, counted index: Int) {
            if index < detailLimit { found.append(discrepancy) } else { omitted += 1 }
        }

        // 1. Every entry balances.
        let entriesChecked = try LedgerStore.entryCount(db, in: range)
        let unbalanced = try LedgerStore.unbalancedEntries(db, in: range)
        for (index, entry) in unbalanced.enumerated() {
            add(LedgerDiscrepancy(kind: .unbalancedEntry, subject: "entry \(entry.id)",
                                  ledger: Money(fen: entry.debits), expected: Money(fen: entry.credits), source: "credits"),
                counted: index)
        }

        // 2. Accounts against policies and claims.
        let balances = try self.balances(db)
        let expected = try LedgerStore.expectedContributions(db, in: range)
        for (index, (_, account)) in LedgerAccount.contributionAccounts.enumerated() {
            let ledger = balances.first { $0.account == account }!.balance
            let policies = Money(fen: expected[index])
            if ledger != policies {
                found.append(LedgerDiscrepancy(kind: .contributionAccount, subject: "account \(account.rawValue)",
                                               ledger: ledger, expected: policies, source: "policies"))
            }
        }
        let claimAccounts: [(LedgerAccount, String)] = [
            (.benefitsPaid, "claims"), (.benefitsPayable, "approved − paid"), (.membersOwe, "owed − repaid"),
        ]
        let claimTotals = try LedgerStore.claimTotals(db, in: range)
        for (index, (account, source)) in claimAccounts.enumerated() {
            let ledger = balances.first { $0.account == account }!.balance
            let claims = Money(fen: claimTotals[index])
            if ledger != claims {
                found.append(LedgerDiscrepancy(kind: .benefitsAccount, subject: "account \(account.rawValue)",
                                               ledger: ledger, expected: claims, source: source))
            }
        }

        // 2b. Receivables per unit: its bills' charges less what settled them.
        for (unit, ledger, charged, settled) in try ReceivableStore.receivablesByUnit(db, in: range) where ledger != charged - settled {
            found.append(LedgerDiscrepancy(kind: .unitReceivable,
                                           subject: "unit \(unit) \(LedgerAccount.receivableContributions.rawValue)",
                                           ledger: Money(fen: ledger), expected: Money(fen: charged - settled),
                                           source: "bills − settled"))
        }
        // 2c. The fund's money (whole fund only: receipts and the bank are the federation's).
        if range == .all {
            let (received, applied) = try ReceivableStore.receiptTotals(db)
            let unapplied = balances.first { $0.account == .receiptsUnapplied }!.balance
            if unapplied.fen != received - applied {
                found.append(LedgerDiscrepancy(kind: .unappliedAccount, subject: "account \(LedgerAccount.receiptsUnapplied.rawValue)",
                                               ledger: unapplied, expected: Money(fen: received - applied),
                                               source: "receipts − applied"))
            }
            let cash = balances.first { $0.account == .fundCash }!.balance
            let expectedCash = received - claimTotals[3] + claimTotals[4]
            if cash.fen != expectedCash {
                found.append(LedgerDiscrepancy(kind: .cashAccount, subject: "account \(LedgerAccount.fundCash.rawValue)",
                                               ledger: cash, expected: Money(fen: expectedCash),
                                               source: "receipts − paid claims + repaid"))
            }
        }

        // 3. Each policy, payer by payer.
        var policyIndex = 0
        try LedgerStore.mispostedPolicies(db, in: range) { id, owed, posted in
            for (offset, (_, account)) in LedgerAccount.contributionAccounts.enumerated() {
                let want = owed[offset], have = posted[offset]
                guard want != have else { continue }
                add(LedgerDiscrepancy(kind: .policyContribution, subject: "policy \(id) \(account.rawValue)",
                                      ledger: Money(fen: have), expected: Money(fen: want), source: "policy"),
                    counted: policyIndex)
                policyIndex += 1
            }
        }

        // 4. Each claim, account by account.
        var claimIndex = 0
        try LedgerStore.mispostedClaims(db, in: range) { id, expected, posted in
            for (offset, (account, _)) in claimAccounts.enumerated() where expected[offset] != posted[offset] {
                add(LedgerDiscrepancy(kind: .claimPayout, subject: "claim \(id) \(account.rawValue)",
                                      ledger: Money(fen: posted[offset]), expected: Money(fen: expected[offset]),
                                      source: "claim"),
                    counted: claimIndex)
                claimIndex += 1
            }
        }
        // 5. Closed periods untouched: no entry dated in a closed month was posted after the closing.
        var closedIndex = 0
        try LedgerStore.entriesPostedIntoClosedPeriods(db, in: range) { id, date, month, amount in
            add(LedgerDiscrepancy(kind: .closedPeriodEntry,
                                  subject: "entry \(id) dated \(date), posted after the books were closed through \(month)",
                                  ledger: Money(fen: amount), expected: .zero, source: "closed period"),
                counted: closedIndex)
            closedIndex += 1
        }
        return LedgerCheckReport(discrepancies: found, omitted: omitted, entriesChecked: entriesChecked)
    }
}
