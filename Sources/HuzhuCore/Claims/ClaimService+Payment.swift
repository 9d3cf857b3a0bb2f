import GRDB

extension ClaimService {
    // MARK: - Payment

    /// Pays an approved claim (approved → paid) and posts the payout to the
    /// ledger (Dr benefits:payable, Cr fund:cash — the approval booked the
    /// expense) in the same transaction. For money paid outside a bank batch
    /// (cash, cheque) or a transfer made by hand; a claim waiting in a sent
    /// payout batch is refused (E933): the bank's answer settles it.
    ///
    /// A claim is paid once: a second payment of a paid claim is refused
    /// (E603), and the `claimPayment` table's key refuses it too. A claim
    /// reopened after its payment (复核) and approved for more is paid the
    /// difference here, as a further payment (a `claimAdjustment` row of
    /// kind `furtherPayment` with its own payout entry).
    ///
    /// Checks, collecting every failure: the claim is approved (E602, or
    /// E603 if paid already); the amount equals the approved amount
    /// (E618), or for a further payment the amount still due (E623); the
    /// reference is given (E802); the payment date is not after today
    /// (E309) nor before the approval (E620).
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - claimID: The claim.
    ///   - payment: Amount, method, reference and date.
    ///   - context: Operator, script and today's date.
    /// - Returns: The claim, paid.
    /// - Throws: ``ValidationError``.
    @discardableResult
    public func pay(_ db: Database, claimID: Int64, _ payment: ClaimPayment, context: WriteContext) throws -> Claim {
        var claim = try visibleClaim(db, id: claimID)
        try refuseIfSent(db, claimID: claimID)
        let approved = try ClaimDecisionSteps.payable(claim, claimID: claimID) {
            try ClaimStore.payment(db, claimID: claimID)
        }
        let money = try self.money(db, claimID: claimID)
        var failures = FailureCollector()
        ClaimDecisionSteps.check(payment, claimID: claimID, claim: claim, approved: approved, today: context.today,
                                 settled: money, into: &failures)
        try failures.throwIfAny()
        try db.inSavepoint {
            if money.paid.fen > 0 {
                let (entry, lines) = ClaimRecords.furtherPayout(claim, payment, context: context)
                let posted = try LedgerService(scope: scope).post(db, entry, lines: lines, operation: "postPayout",
                                                                  context: context)
                let round = try ClaimStore.lastRound(db, claimID: claimID)
                var adjustment = ClaimAdjustment(
                    id: nil, claimID: claimID, round: round, kind: .furtherPayment, amount: payment.amount, on: payment.paidOn,
                    method: payment.method, reference: payment.reference, ledgerEntryID: posted.entry.id,
                    operatorName: context.operatorName,
                    note: ClaimRecords.settlementNote(round: round, status: .approved, target: approved, money: money))
                try ClaimStore.insert(db, &adjustment)
                try transition(db, &claim, to: .paid, on: payment.paidOn,
                               note: "further payment " + ClaimRecords.paymentNote(payment), context: context)
                try AuditLog.record(db, context: context, action: "insert", operation: "payClaimDifference",
                                    table: "claimAdjustment", rowKey: String(adjustment.id!),
                                    summary: ClaimRecords.adjusted(adjustment))
                return .commit
            }
            let entry = try LedgerService(scope: scope).postPayout(db, claim: claim, payment: payment, context: context)
            var stored = payment
            stored.claimID = claimID
            stored.ledgerEntryID = entry.entry.id
            stored.operatorName = context.operatorName
            try ClaimStore.insert(db, stored)
            try transition(db, &claim, to: .paid, on: payment.paidOn,
                           note: ClaimRecords.paymentNote(payment), context: context)
            try AuditLog.record(db, context: context, action: "insert", operation: "payClaim", table: "claimPayment",
                                rowKey: String(claimID), summary: ClaimRecords.paid(payment, entryID: entry.entry.id!))
            return .commit
        }
        return claim
    }

    /// What a claim has been paid so far and what its member owes back.
    public func money(_ db: Database, claimID: Int64) throws -> ClaimMoney {
        let adjustments = try ClaimStore.adjustments(db, claimID: claimID)
        return ClaimMoney(payment: try ClaimStore.payment(db, claimID: claimID), adjustments: adjustments,
                          repaid: Money(fen: try ClaimStore.repaid(db, claimID: claimID)))
    }
}
