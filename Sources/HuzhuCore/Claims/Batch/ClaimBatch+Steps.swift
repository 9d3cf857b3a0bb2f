/// The steps of ``ClaimBatch``: report to payout, in memory, with the service's checks.
extension ClaimBatch {
    // MARK: - Steps

    /// Records a reported claim, as ``ClaimService/report(_:_:context:)`` does.
    ///
    /// - Returns: The claim (rejected if it lapsed).
    /// - Throws: ``ValidationError``, the service's failures.
    @discardableResult
    public mutating func report(_ report: ClaimReport, context: WriteContext) throws -> Claim {
        guard let policyID = report.policyID else {
            preconditionFailure("a bulk report names its policy")
        }
        var failures = FailureCollector()
        let reportedOn = report.reportedOn ?? context.today
        let subject = ValidationFailure.Subject.policy(policyID)
        var facts = policies[policyID]
        if facts == nil {
            failures.add(.policyUnknown, field: "policy", value: .plain(String(policyID)), subject: subject,
                         ["id": String(policyID)])
        } else if let failure = scopeFailure(facts!.policy.unitCode) {
            failures.add(failure.about(subject))
            facts = nil
        }
        ClaimReportChecks.dates(report, reportedOn: reportedOn, today: context.today, subject: facts.map { _ in subject },
                                into: &failures)
        failures.add(contentsOf: report.expenses.failures(subject: facts.map { _ in subject }))
        var plan: Plan?
        if let policy = facts?.policy {
            plan = plans[policy.planTermID]
            try ClaimReportChecks.check(report, policy: policy, plan: plan!, into: &failures)
            let key = IncidentKey(policyID: policyID, kind: report.kind, incidentDate: report.incidentDate)
            if let other = open[key]?.min() {
                failures.add(.duplicate, field: "incidentDate", value: .plain(report.incidentDate.description),
                             subject: subject, ["other": String(other)])
            }
        }
        try failures.throwIfAny()
        guard let policy = facts?.policy, let plan else { preconditionFailure("checked above") }

        let id = firstClaimID + Int64(states.count)
        let claim = ClaimReportChecks.claim(report, id: id, policyID: policyID, policy: policy, plan: plan,
                                            reportedOn: reportedOn, context: context)
        var state = State(claim: claim, documentRows: [], reviewRow: nil)
        let required = ClaimDocument.required(for: report.kind)
        let provided = Set(report.documents)
        for document in required + ClaimDocument.allCases.filter({ provided.contains($0) && !required.contains($0) }) {
            state.documentRows.append(documents.count)
            documents.append(ClaimDocumentStatus(claimID: id, document: document, required: required.contains(document),
                                                 provided: provided.contains(document)))
        }
        states.append(state)
        open[IncidentKey(policyID: policyID, kind: report.kind, incidentDate: report.incidentDate), default: []].append(id)
        let at = AuditLog.timestamp(context.clock())
        event(id, from: nil, to: .reported, on: reportedOn, note: report.note, at: at, context: context)
        audit("insert", "reportClaim", "claim", String(id),
              ClaimRecords.reported(policyID: policyID, report, reportedOn: reportedOn, late: claim.lateReport),
              at: at, context: context)
        if reportedOn > claim.lapseDate {
            rejectLapsed(index: states.count - 1, at: at, context: context)
        }
        return states[states.count - 1].claim
    }

    /// Takes up a reported claim for review, as ``ClaimService/beginReview(_:claimID:note:context:)`` does.
    ///
    /// - Throws: ``ValidationError`` E601, E602.
    @discardableResult
    public mutating func beginReview(claimID: Int64, note: String? = nil, context: WriteContext) throws -> Claim {
        let index = try stateIndex(claimID)
        let status = states[index].claim.status
        guard ClaimAction.beginReview.from.contains(status) else {
            throw ValidationError(ClaimAction.beginReview.refusal(from: status, claimID: claimID))
        }
        openReview(index: index, note: note, on: context.today, at: AuditLog.timestamp(context.clock()), context: context)
        return states[index].claim
    }

    /// Marks documents as handed in, as ``ClaimService/recordDocuments(_:claimID:provided:context:)`` does
    /// (extras join the checklist in ``ClaimDocument`` order).
    ///
    /// - Throws: ``ValidationError`` E601, E602.
    public mutating func recordDocuments(claimID: Int64, provided: [ClaimDocument], context: WriteContext) throws {
        let index = try stateIndex(claimID)
        let status = states[index].claim.status
        guard ClaimAction.recordDocuments.from.contains(status) else {
            throw ValidationError(ClaimAction.recordDocuments.refusal(from: status, claimID: claimID))
        }
        let handedIn = Set(provided)
        for document in ClaimDocument.allCases where handedIn.contains(document) {
            if let row = states[index].documentRows.first(where: { documents[$0].document == document }) {
                documents[row].provided = true
            } else {
                states[index].documentRows.append(documents.count)
                documents.append(ClaimDocumentStatus(claimID: claimID, document: document, required: false, provided: true))
            }
        }
        audit("update", "recordClaimDocuments", "claimDocument", String(claimID), ClaimRecords.documents(provided),
              at: AuditLog.timestamp(context.clock()), context: context)
    }

    /// Decides a claim under review, as ``ClaimService/review(_:claimID:_:context:)`` does.
    ///
    /// - Returns: The claim, approved or rejected.
    /// - Throws: ``ValidationError``, the service's failures.
    @discardableResult
    public mutating func review(claimID: Int64, _ decision: ClaimDecision, context: WriteContext) throws -> Claim {
        let index = try stateIndex(claimID)
        var claim = states[index].claim
        let action: ClaimAction
        if case .approve = decision { action = .approve } else { action = .reject }
        guard action.from.contains(claim.status) else {
            throw ValidationError(action.refusal(from: claim.status, claimID: claimID))
        }
        guard let row = states[index].reviewRow else { preconditionFailure("under review has a round") }
        var review = reviews[row]
        let newStatus = try ClaimDecisionSteps.record(decision, into: &review, claim: &claim, context: context) {
            try approval(index: index, amount: $0, topUp: $1, into: &$2)
        }
        reviews[row] = review
        states[index].claim = claim
        let at = AuditLog.timestamp(context.clock())
        transition(index: index, to: newStatus, on: context.today, note: review.note, at: at, context: context)
        claim = states[index].claim
        audit("update", "reviewClaim", "claim", String(claimID), ClaimRecords.reviewed(claim, review), at: at, context: context)
        return claim
    }

    /// Pays an approved claim and posts the payout, as ``ClaimService/pay(_:claimID:_:context:)`` does.
    ///
    /// - Returns: The claim, paid.
    /// - Throws: ``ValidationError``, the service's failures.
    @discardableResult
    public mutating func pay(claimID: Int64, _ payment: ClaimPayment, context: WriteContext) throws -> Claim {
        let index = try stateIndex(claimID)
        let claim = states[index].claim
        let approved = try ClaimDecisionSteps.payable(claim, claimID: claimID) {
            payments.first { $0.claimID == claimID }
        }
        var failures = FailureCollector()
        ClaimDecisionSteps.check(payment, claimID: claimID, claim: claim, approved: approved, today: context.today,
                                 into: &failures)
        try failures.throwIfAny()
        // The ledger entry, as LedgerService.postPayout posts it.
        var (entry, entryLines) = ClaimRecords.payout(claim, payment, context: context)
        let amount = try LedgerService.checked(entryLines)
        if let closed = LedgerService.closedPeriodFailure(date: entry.entryDate, closing: closing) {
            throw ValidationError(closed)
        }
        let at = entry.at
        let entryID = firstEntryID + Int64(entries.count)
        entry.id = entryID
        entries.append(entry)
        for var line in entryLines {
            line.entryID = entryID
            lines.append(line)
        }
        audit("insert", "postPayout", "ledgerEntry", String(entryID), LedgerService.postedSummary(entry, amount: amount),
              at: at, context: context)
        var stored = payment
        stored.claimID = claimID
        stored.ledgerEntryID = entryID
        stored.operatorName = context.operatorName
        payments.append(stored)
        transition(index: index, to: .paid, on: payment.paidOn, note: ClaimRecords.paymentNote(payment),
                   at: at, context: context)
        audit("insert", "payClaim", "claimPayment", String(claimID), ClaimRecords.paid(payment, entryID: entryID),
              at: at, context: context)
        return states[index].claim
    }
}
