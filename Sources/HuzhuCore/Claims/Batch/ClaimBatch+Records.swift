/// The rows a step of ``ClaimBatch`` adds in memory: review rounds, transitions, events, audit;
/// and the approval decision, shared with the service (``ClaimApproval``).
extension ClaimBatch {
    // MARK: - Helpers

    func stateIndex(_ claimID: Int64) throws -> Int {
        let index = claimID - firstClaimID
        guard index >= 0, index < Int64(states.count) else {
            throw ValidationError(ValidationFailure(.claimUnknown, field: "claim", value: .plain(String(claimID)),
                                                    ["id": String(claimID)]))
        }
        return Int(index)
    }

    /// Why the scope refuses a write to the unit (read once per unit in `init`), or `nil`.
    func scopeFailure(_ unitCode: String) -> ValidationFailure? {
        unitsInScope[unitCode] ?? nil
    }

    /// The amount to approve, or every reason it cannot be approved, as the service's `approval`.
    func approval(index: Int, amount: Money?, topUp: TopUpProposal?, into review: inout ClaimReview) throws -> Money {
        let claim = states[index].claim
        guard let facts = policies[claim.policyID], let plan = plans[claim.planTermID] else {
            preconditionFailure("a claim made here has its policy and plan")
        }
        let missing = states[index].documentRows.map { documents[$0] }.filter { $0.required && !$0.provided }.map(\.document)
        let breakdown = try BenefitCalculator.compute(BenefitInput(
            plan: plan, shares: facts.policy.shares, benefitItemCode: claim.benefitItemCode, expenses: claim.expenses,
            incidentDate: claim.incidentDate, coverStart: facts.coverStart,
            usedInTerm: Money(fen: used[TermKey(memberID: claim.memberID, planTermID: claim.planTermID)] ?? 0)))
        return try ClaimApproval.amount(for: claim, missingDocuments: missing, breakdown: breakdown, amount: amount,
                                        topUp: topUp, termLabel: { termLabels[claim.planTermID] ?? "" }, into: &review)
    }

    /// Rejects a claim reported after it lapsed, at once (E654), as the service's `rejectLapsed`.
    mutating func rejectLapsed(index: Int, at: String, context: WriteContext) {
        let claim = states[index].claim
        let note = "automatic: " + ClaimApproval.lapseFailure(claim).message()
        openReview(index: index, note: note, on: claim.reportedOn, at: at, context: context)
        let row = states[index].reviewRow!
        reviews[row].decision = .rejected
        reviews[row].decidedOn = claim.reportedOn
        reviews[row].decidedBy = context.operatorName
        reviews[row].rejectionReason = .lapsed
        reviews[row].note = note
        reviews[row].scriptName = context.scriptName
        reviews[row].scriptSHA256 = context.scriptSHA256
        states[index].claim.rejectionReason = .lapsed
        transition(index: index, to: .rejected, on: claim.reportedOn, note: note, at: at, context: context)
        audit("update", "rejectLapsedClaim", "claim", String(claim.id!), ClaimRecords.lapsed, at: at, context: context)
    }

    /// Moves a claim under review and opens the next review round.
    mutating func openReview(index: Int, note: String?, on date: CivilDate, at: String, context: WriteContext) {
        let id = states[index].claim.id!
        let round = (states[index].reviewRow.map { reviews[$0].round } ?? 0) + 1
        let reviewID = firstReviewID + Int64(reviews.count)
        states[index].reviewRow = reviews.count
        reviews.append(ClaimReview(id: reviewID, claimID: id, round: round, openedOn: date,
                                   openedBy: context.operatorName, openNote: note))
        let reopened = states[index].claim.status != .reported
        transition(index: index, to: .underReview, on: date, note: note, at: at, context: context)
        let (operation, summary) = ClaimRecords.reviewOpened(claimID: id, round: round, reopened: reopened)
        audit("insert", operation, "claimReview", String(reviewID), summary, at: at, context: context)
    }

    /// Changes a claim's status and records the event; keeps the term's usage and the open claims up to date.
    mutating func transition(index: Int, to status: ClaimStatus, on date: CivilDate, note: String?, at: String,
                                     context: WriteContext) {
        let claim = states[index].claim
        let from = claim.status
        let term = TermKey(memberID: claim.memberID, planTermID: claim.planTermID)
        let counted: Set<ClaimStatus> = [.approved, .paid]
        if counted.contains(from) != counted.contains(status), let amount = claim.approvedAmount?.fen {
            used[term, default: 0] += counted.contains(status) ? amount : -amount
        }
        if status == .rejected {
            let key = IncidentKey(policyID: claim.policyID, kind: claim.kind, incidentDate: claim.incidentDate)
            open[key]?.removeAll { $0 == claim.id! }
        }
        states[index].claim.status = status
        states[index].claim.statusSince = date
        event(claim.id!, from: from, to: status, on: date, note: note, at: at, context: context)
    }

    mutating func event(_ claimID: Int64, from: ClaimStatus?, to: ClaimStatus, on date: CivilDate, note: String?,
                                at: String, context: WriteContext) {
        events.append(ClaimEvent(id: nil, claimID: claimID, fromStatus: from, toStatus: to, on: date, at: at,
                                 operatorName: context.operatorName, scriptName: context.scriptName,
                                 scriptSHA256: context.scriptSHA256, note: note))
    }

    mutating func audit(_ action: String, _ operation: String, _ table: String, _ rowKey: String,
                                _ summary: [String: AuditValue], at: String, context: WriteContext) {
        audits.append(AuditEntry(id: nil, operatorName: context.operatorName, at: at, action: action, operation: operation,
                                 tableName: table, rowKey: rowKey, summary: AuditValue.jsonObject(summary),
                                 scriptName: context.scriptName, scriptSHA256: context.scriptSHA256))
    }
}

extension ClaimBatch {
    /// Adds a ledger entry and its lines with the ledger's checks and its audit row, as ``LedgerService`` posts one.
    ///
    /// - Returns: The entry's id.
    @discardableResult
    mutating func appendEntry(_ entry: LedgerEntry, _ entryLines: [LedgerLine], operation: String,
                              context: WriteContext) throws -> Int64 {
        let amount = try LedgerService.checked(entryLines)
        if let closed = LedgerService.closedPeriodFailure(date: entry.entryDate, closing: closing) {
            throw ValidationError(closed)
        }
        var entry = entry
        let entryID = firstEntryID + Int64(entries.count)
        entry.id = entryID
        entries.append(entry)
        for var line in entryLines {
            line.entryID = entryID
            lines.append(line)
        }
        audit("insert", operation, "ledgerEntry", String(entryID), LedgerService.postedSummary(entry, amount: amount),
              at: entry.at, context: context)
        return entryID
    }
}
