import GRDB

extension ClaimService {
    /// Records a member's repayment of an amount owed back on a reopened
    /// claim (a lower decision or a rejection after payment) and posts it:
    /// Dr fund:cash, Cr members:owe, dated the day the money came in.
    ///
    /// Checks, collecting every failure: the amount is more than 0 (E701)
    /// and at most what is still owed back (E930); the reference is given
    /// (E802); the day is not after today (E309).
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - claimID: The claim.
    ///   - repayment: Amount, method, reference and day.
    ///   - context: Operator, script and today's date.
    /// - Returns: The repayment stored, and what is still owed back after it.
    /// - Throws: ``ValidationError`` E601 (unknown or outside the scope), E250, and the above.
    @discardableResult
    public func repay(_ db: Database, claimID: Int64, _ repayment: ClaimRepayment,
                      context: WriteContext) throws -> (repayment: ClaimRepayment, outstanding: Money) {
        let claim = try visibleClaim(db, id: claimID)
        if let failure = try scope.failure(writingTo: claim.unitCode, field: "claim", in: db) {
            throw ValidationError(failure.about(.claim(claimID)))
        }
        let money = try self.money(db, claimID: claimID)
        let subject = ValidationFailure.Subject.claim(claimID)
        var failures = FailureCollector()
        if repayment.amount.fen <= 0 {
            failures.add(.amountInvalid, field: "amount", value: .plain(repayment.amount.description), subject: subject,
                         ["text": repayment.amount.description])
        } else if repayment.amount > money.outstanding {
            failures.add(.repaymentExceedsOwed, field: "amount", value: .plain(repayment.amount.description), subject: subject,
                         ["claim": String(claimID), "amount": repayment.amount.description,
                          "outstanding": money.outstanding.description])
        }
        if repayment.reference.allSatisfy(\.isWhitespace) {
            failures.add(.valueRequired, field: "reference", subject: subject)
        }
        if repayment.on > context.today {
            failures.add(.dateInFuture, field: "on", value: .plain(repayment.on.description), subject: subject,
                         ["date": repayment.on.description, "today": context.today.description])
        }
        try failures.throwIfAny()
        var stored = repayment
        try db.inSavepoint {
            let (entry, lines) = ClaimRecords.entry(
                claim, kind: .repayment, memo: "repayment \(repayment.method.rawValue) \(repayment.reference)",
                on: repayment.on, amount: repayment.amount, debit: .fundCash, credit: .membersOwe, context: context)
            let posted = try LedgerService(scope: scope).post(db, entry, lines: lines, operation: "postRepayment",
                                                              context: context)
            stored.claimID = claimID
            stored.ledgerEntryID = posted.entry.id
            stored.operatorName = context.operatorName
            try ClaimStore.insert(db, &stored)
            try AuditLog.record(db, context: context, action: "insert", operation: "recordClaimRepayment",
                                table: "claimRepayment", rowKey: String(stored.id!),
                                summary: ["claim": .integer(claimID), "amount": .integer(repayment.amount.fen),
                                          "method": .text(repayment.method.rawValue), "on": .text(repayment.on.description),
                                          "entry": .integer(posted.entry.id!)])
            return .commit
        }
        return (stored, Money(fen: money.outstanding.fen - repayment.amount.fen))
    }

    /// Refuses a step on a claim waiting in a sent payout batch (E933): the bank's answer settles it.
    func refuseIfSent(_ db: Database, claimID: Int64) throws {
        if let (batch, date) = try PayoutStore.pendingBatch(db, claimID: claimID) {
            throw ValidationError(ValidationFailure(.claimInPayoutBatch, field: "claim", value: .plain(String(claimID)),
                                                    subject: .claim(claimID),
                                                    ["claim": String(claimID), "batch": String(batch),
                                                     "date": date.description]))
        }
    }
}
