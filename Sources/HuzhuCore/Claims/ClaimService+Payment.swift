import GRDB

extension ClaimService {
    // MARK: - Payment

    /// Pays an approved claim (approved → paid) and posts the payout to the
    /// ledger (Dr benefits:paid, Cr fund:cash) in the same transaction.
    ///
    /// A claim is paid once: a second payment is refused (E603), and the
    /// `claimPayment` table's key refuses it too.
    ///
    /// Checks, collecting every failure: the claim is approved (E602, or
    /// E603 if paid already); the amount equals the approved amount
    /// (E618); the reference is given (E802); the payment date is not
    /// after today (E309) nor before the approval (E620).
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
        let approved = try ClaimDecisionSteps.payable(claim, claimID: claimID) {
            try ClaimStore.payment(db, claimID: claimID)
        }
        var failures = FailureCollector()
        ClaimDecisionSteps.check(payment, claimID: claimID, claim: claim, approved: approved, today: context.today,
                                 into: &failures)
        try failures.throwIfAny()
        try db.inSavepoint {
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
}
