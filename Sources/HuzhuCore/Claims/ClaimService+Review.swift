import GRDB

extension ClaimService {
    // MARK: - Review

    /// Takes up a reported claim for review (reported → under review) and
    /// opens review round 1.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - claimID: The claim.
    ///   - note: A note for the review round and the event.
    ///   - context: Operator, script and today's date.
    /// - Returns: The claim, under review.
    /// - Throws: ``ValidationError`` E601 (unknown or outside the scope), E602 (not reported).
    @discardableResult
    public func beginReview(_ db: Database, claimID: Int64, note: String? = nil, context: WriteContext) throws -> Claim {
        var claim = try visibleClaim(db, id: claimID)
        guard ClaimAction.beginReview.from.contains(claim.status) else {
            throw ValidationError(ClaimAction.beginReview.refusal(from: claim.status, claimID: claimID))
        }
        try db.inSavepoint {
            try openReview(db, &claim, note: note, on: context.today, context: context)
            return .commit
        }
        return claim
    }

    /// Decides a claim under review: approve for an amount, or reject with a coded reason.
    ///
    /// Approving computes the benefit (``BenefitCalculator``) and, with a
    /// top-up proposal, caps the proposal at the plan's limits; the amount
    /// approved is the decision's explicit amount, else the capped
    /// proposal, else the computed benefit. Approval is refused, collecting
    /// every failure, when the claim lapsed (E654), documents are missing
    /// (E657), the incident is in the waiting period (E652), the per-term
    /// cap is used up (E658), the expenses do not pass the deductible
    /// (E661), the proposal is negative (E621) or lacks its rule (E622), or
    /// the amount is not above 0 and at most the benefit (E617). Reject the
    /// claim with the matching ``ClaimRejectionReason`` instead.
    ///
    /// The review round keeps the breakdown, the proposal (proposed,
    /// capped, rule, hash) and the amount.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - claimID: The claim.
    ///   - decision: Approve or reject.
    ///   - context: Operator, script and today's date.
    /// - Returns: The claim, approved or rejected.
    /// - Throws: ``ValidationError`` E601, E602 (not under review), and the above.
    @discardableResult
    public func review(_ db: Database, claimID: Int64, _ decision: ClaimDecision, context: WriteContext) throws -> Claim {
        var claim = try visibleClaim(db, id: claimID)
        let action: ClaimAction
        if case .approve = decision { action = .approve } else { action = .reject }
        guard action.from.contains(claim.status) else {
            throw ValidationError(action.refusal(from: claim.status, claimID: claimID))
        }
        guard var review = try currentReview(db, claimID: claimID) else { preconditionFailure("under review has a round") }
        let money = try self.money(db, claimID: claimID)
        let reviewed = claim
        let newStatus = try ClaimDecisionSteps.record(decision, into: &review, claim: &claim, context: context) {
            try approval(db, reviewed, amount: $0, topUp: $1, into: &$2)
        }
        try db.inSavepoint {
            try ClaimStore.update(db, review)
            try transition(db, &claim, to: newStatus, on: context.today, note: review.note, context: context)
            try AuditLog.record(db, context: context, action: "update", operation: "reviewClaim", table: "claim",
                                rowKey: String(claimID), summary: ClaimRecords.reviewed(claim, review))
            if money.paid.fen > 0 {
                try settle(db, &claim, round: review.round, against: money, context: context)
            } else if newStatus == .approved, let amount = claim.approvedAmount {
                let (entry, lines) = ClaimRecords.approval(claim, amount: amount, context: context)
                _ = try LedgerService(scope: scope).post(db, entry, lines: lines, operation: "postApproval", context: context)
            }
            return .commit
        }
        return claim
    }

    /// Settles a new decision of a claim paid before against what was paid
    /// (never taking a payment back): a higher amount cancels what is still
    /// owed, and what remains is left to pay (the claim stays approved); an
    /// equal or lower amount makes the claim paid again at once, the lower
    /// difference owed back by the member; a rejection owes back all that
    /// the member kept.
    private func settle(_ db: Database, _ claim: inout Claim, round: Int, against money: ClaimMoney,
                        context: WriteContext) throws {
        let target = claim.status == .approved ? claim.approvedAmount ?? .zero : .zero
        let (cancel, toPay, owe) = money.settling(target)
        let note = ClaimRecords.settlementNote(round: round, status: claim.status, target: target, money: money)
        let ledger = LedgerService(scope: scope)
        for (kind, amount) in [(ClaimAdjustmentKind.owedCancelled, cancel), (.owed, owe)] where amount.fen > 0 {
            // Owed back: Dr members:owe, Cr benefits:paid; cancelled: the lines swapped.
            let (entry, lines) = kind == .owed
                ? ClaimRecords.entry(claim, kind: .owed, memo: "owed back", on: context.today, amount: amount,
                                     debit: .membersOwe, credit: .benefitsPaid, context: context)
                : ClaimRecords.entry(claim, kind: .owed, memo: "owed cancelled", on: context.today, amount: amount,
                                     debit: .benefitsPaid, credit: .membersOwe, context: context)
            let posted = try ledger.post(db, entry, lines: lines, operation: kind == .owed ? "postOwed" : "postOwedCancelled",
                                         context: context)
            var adjustment = ClaimAdjustment(id: nil, claimID: claim.id!, round: round, kind: kind, amount: amount,
                                             on: context.today, ledgerEntryID: posted.entry.id,
                                             operatorName: context.operatorName, note: note)
            try ClaimStore.insert(db, &adjustment)
            try AuditLog.record(db, context: context, action: "insert",
                                operation: kind == .owed ? "recordClaimOwed" : "cancelClaimOwed", table: "claimAdjustment",
                                rowKey: String(adjustment.id!), summary: ClaimRecords.adjusted(adjustment))
        }
        if toPay.fen > 0 {
            let (entry, lines) = ClaimRecords.approval(claim, amount: toPay, further: true, context: context)
            _ = try ledger.post(db, entry, lines: lines, operation: "postApproval", context: context)
        }
        if claim.status == .approved, toPay.fen == 0 {
            try transition(db, &claim, to: .paid, on: context.today,
                           note: "automatic: " + note + (owe.fen > 0 ? "; \(owe) owed back" : "; nothing more to pay"),
                           context: context)
        }
    }

    /// Reopens (复核) a rejected, approved or paid claim: back under review
    /// in a new review round; the earlier rounds, the payments and the
    /// ledger stay as they were. What the next decision of a paid claim
    /// settles is described at ``ClaimStatus``: a further payment of a
    /// higher amount, an amount owed back for a lower one.
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - claimID: The claim.
    ///   - reason: Why it is reopened (required, E802).
    ///   - context: Operator, script and today's date.
    /// - Returns: The claim, under review.
    /// - Throws: ``ValidationError`` E601, E602 (reported or under review), E802.
    @discardableResult
    public func reopen(_ db: Database, claimID: Int64, reason: String, context: WriteContext) throws -> Claim {
        var claim = try visibleClaim(db, id: claimID)
        var failures = FailureCollector()
        if !ClaimAction.reopen.from.contains(claim.status) {
            failures.add(ClaimAction.reopen.refusal(from: claim.status, claimID: claimID))
        }
        if reason.allSatisfy(\.isWhitespace) {
            failures.add(.valueRequired, field: "reason", subject: .claim(claimID))
        }
        try failures.throwIfAny()
        try refuseIfSent(db, claimID: claimID)
        try db.inSavepoint {
            let payable = Money(fen: try LedgerStore.claimBalance(db, claimID: claimID, account: .benefitsPayable))
            if payable.fen > 0 {
                // The approval withdrawn: nothing is owed to the member until the claim is decided again.
                let (entry, lines) = ClaimRecords.entry(claim, kind: .approval, memo: "approval withdrawn (reopened)",
                                                        on: context.today, amount: payable, debit: .benefitsPayable,
                                                        credit: .benefitsPaid, context: context)
                _ = try LedgerService(scope: scope).post(db, entry, lines: lines, operation: "withdrawApproval", context: context)
            }
            claim.approvedAmount = nil
            claim.rejectionReason = nil
            try openReview(db, &claim, note: reason, on: context.today, context: context)
            return .commit
        }
        return claim
    }

    /// The benefit of a claim as things stand now, without deciding
    /// anything: what the scripting layer passes to a top-up rule as `computed`.
    ///
    /// - Throws: ``ValidationError`` E601; E609/E610 for a bad benefit item.
    public func benefit(_ db: Database, claimID: Int64) throws -> BenefitBreakdown {
        try BenefitCalculator.benefit(db, claim: try visibleClaim(db, id: claimID))
    }

    // MARK: - Helpers

    /// The amount to approve, or every reason it cannot be approved; fills in the review's breakdown.
    private func approval(_ db: Database, _ claim: Claim, amount: Money?, topUp: TopUpProposal?,
                          into review: inout ClaimReview) throws -> Money {
        let missing = try documents(db, claimID: claim.id!).filter { $0.required && !$0.provided }.map(\.document)
        return try ClaimApproval.amount(
            for: claim, missingDocuments: missing, breakdown: try BenefitCalculator.benefit(db, claim: claim),
            amount: amount, topUp: topUp,
            termLabel: { try ClaimStore.termLabel(db, termID: claim.planTermID) ?? "" },
            into: &review)
    }

    /// Rejects a claim reported after it lapsed, at once: under review, then rejected (E654).
    func rejectLapsed(_ db: Database, _ claim: Claim, context: WriteContext) throws -> Claim {
        var claim = claim
        let note = "automatic: " + ClaimApproval.lapseFailure(claim).message()
        try openReview(db, &claim, note: note, on: claim.reportedOn, context: context)
        guard var review = try currentReview(db, claimID: claim.id!) else { preconditionFailure("just opened") }
        review.decision = .rejected
        review.decidedOn = claim.reportedOn
        review.decidedBy = context.operatorName
        review.rejectionReason = .lapsed
        review.note = note
        review.scriptName = context.scriptName
        review.scriptSHA256 = context.scriptSHA256
        try ClaimStore.update(db, review)
        claim.rejectionReason = .lapsed
        try transition(db, &claim, to: .rejected, on: claim.reportedOn, note: note, context: context)
        try AuditLog.record(db, context: context, action: "update", operation: "rejectLapsedClaim", table: "claim",
                            rowKey: String(claim.id!), summary: ClaimRecords.lapsed)
        return claim
    }

    /// Moves a claim under review and opens the next review round.
    private func openReview(_ db: Database, _ claim: inout Claim, note: String?, on date: CivilDate,
                            context: WriteContext) throws {
        let id = claim.id!
        let round = try ClaimStore.lastRound(db, claimID: id) + 1
        var review = ClaimReview(id: nil, claimID: id, round: round, openedOn: date, openedBy: context.operatorName,
                                 openNote: note)
        try ClaimStore.insert(db, &review)
        let reopened = claim.status != .reported
        try transition(db, &claim, to: .underReview, on: date, note: note, context: context)
        let (operation, summary) = ClaimRecords.reviewOpened(claimID: id, round: round, reopened: reopened)
        try AuditLog.record(db, context: context, action: "insert", operation: operation,
                            table: "claimReview", rowKey: String(review.id!), summary: summary)
    }

    func currentReview(_ db: Database, claimID: Int64) throws -> ClaimReview? {
        try ClaimStore.currentReview(db, claimID: claimID)
    }

    /// Changes a claim's status, stores it and records the event.
    func transition(_ db: Database, _ claim: inout Claim, to status: ClaimStatus, on date: CivilDate, note: String?,
                    context: WriteContext) throws {
        let from = claim.status
        claim.status = status
        claim.statusSince = date
        try ClaimStore.update(db, claim)
        try recordEvent(db, claimID: claim.id!, from: from, to: status, on: date, note: note, context: context)
    }

    func recordEvent(_ db: Database, claimID: Int64, from: ClaimStatus?, to: ClaimStatus, on date: CivilDate,
                     note: String?, context: WriteContext) throws {
        var event = ClaimEvent(id: nil, claimID: claimID, fromStatus: from, toStatus: to, on: date,
                               at: AuditLog.timestamp(context.clock()), operatorName: context.operatorName,
                               scriptName: context.scriptName, scriptSHA256: context.scriptSHA256, note: note)
        try ClaimStore.insert(db, &event)
    }
}
