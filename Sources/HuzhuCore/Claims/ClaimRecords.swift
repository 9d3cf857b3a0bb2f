/// What each step of a claim records besides the claim itself — the audit
/// summaries, the payment's event note, the payout's ledger entry — built in
/// one place for ``ClaimService`` (a write per step) and ``ClaimBatch``
/// (many new claims in memory, written at once), so both write the same rows.
enum ClaimRecords {
    /// The audit summary of a report.
    static func reported(policyID: Int64, _ report: ClaimReport, reportedOn: CivilDate, late: Bool) -> [String: AuditValue] {
        ["policy": .integer(policyID), "kind": .text(report.kind.rawValue),
         "incident": .text(report.incidentDate.description),
         "reportedOn": .text(reportedOn.description), "late": .boolean(late),
         "total": .integer(report.expenses.total.fen)]
    }

    /// The audit summary of documents handed in.
    static func documents(_ provided: [ClaimDocument]) -> [String: AuditValue] {
        ["provided": .text(provided.map(\.rawValue).sorted().joined(separator: ","))]
    }

    /// The audit summary of a decision.
    static func reviewed(_ claim: Claim, _ review: ClaimReview) -> [String: AuditValue] {
        ["status": .text(claim.status.rawValue), "round": .integer(Int64(review.round)),
         "amount": claim.approvedAmount.map { .integer($0.fen) } ?? .null,
         "reason": claim.rejectionReason.map { .integer(Int64($0.rawValue)) } ?? .null,
         "topUpRule": .text(review.topUpRule)]
    }

    /// The audit summary of a claim rejected at once because it lapsed (E654).
    static let lapsed: [String: AuditValue] = [
        "status": "rejected", "reason": .integer(Int64(ClaimRejectionReason.lapsed.rawValue)),
    ]

    /// The audit operation and summary of a review round opened.
    static func reviewOpened(claimID: Int64, round: Int, reopened: Bool) -> (operation: String, summary: [String: AuditValue]) {
        (reopened ? "reopenClaim" : "beginClaimReview", ["claim": .integer(claimID), "round": .integer(Int64(round))])
    }

    /// The audit summary of a payment.
    static func paid(_ payment: ClaimPayment, entryID: Int64) -> [String: AuditValue] {
        ["amount": .integer(payment.amount.fen), "method": .text(payment.method.rawValue),
         "paidOn": .text(payment.paidOn.description), "entry": .integer(entryID)]
    }

    /// The note of the event of a payment.
    static func paymentNote(_ payment: ClaimPayment) -> String {
        "\(payment.method.rawValue) \(payment.reference)"
    }

    /// The payout's ledger entry (not yet stored) and its lines: Dr benefits payable, Cr the fund's cash.
    static func payout(_ claim: Claim, _ payment: ClaimPayment, context: WriteContext)
        -> (entry: LedgerEntry, lines: [LedgerLine]) {
        let entry = LedgerEntry(
            id: nil, entryDate: payment.paidOn, kind: .payout,
            memo: "benefit of claim \(claim.id!) (policy \(claim.policyID)), \(payment.method.rawValue) \(payment.reference)",
            policyID: claim.policyID, claimID: claim.id, reversesEntryID: nil, unitCode: claim.unitCode,
            at: AuditLog.timestamp(context.clock()), operatorName: context.operatorName,
            scriptName: context.scriptName, scriptSHA256: context.scriptSHA256)
        return (entry, [.debit(.benefitsPayable, payment.amount), .credit(.fundCash, payment.amount)])
    }

    /// A claim entry (not yet stored) of `kind` dated `date`: Dr `debit`, Cr `credit`, both `amount`.
    static func entry(_ claim: Claim, kind: LedgerEntryKind, memo: String, on date: CivilDate, amount: Money,
                      debit: LedgerAccount, credit: LedgerAccount, context: WriteContext)
        -> (entry: LedgerEntry, lines: [LedgerLine]) {
        let entry = LedgerEntry(
            id: nil, entryDate: date, kind: kind, memo: "\(memo) of claim \(claim.id!) (policy \(claim.policyID))",
            policyID: claim.policyID, claimID: claim.id, reversesEntryID: nil, unitCode: claim.unitCode,
            at: AuditLog.timestamp(context.clock()), operatorName: context.operatorName,
            scriptName: context.scriptName, scriptSHA256: context.scriptSHA256)
        return (entry, [.debit(debit, amount), .credit(credit, amount)])
    }

    /// The approval's ledger entry: Dr benefits paid (the expense), Cr benefits payable, dated the decision
    /// (``ClaimService`` and ``ClaimBatch`` post it alike). `further` for a reopened claim's further approved amount.
    static func approval(_ claim: Claim, amount: Money, further: Bool = false, context: WriteContext)
        -> (entry: LedgerEntry, lines: [LedgerLine]) {
        entry(claim, kind: .approval, memo: further ? "further approval" : "approval", on: context.today, amount: amount,
              debit: .benefitsPaid, credit: .benefitsPayable, context: context)
    }

    /// The note of what a decision of a claim paid before settled.
    static func settlementNote(round: Int, status: ClaimStatus, target: Money, money: ClaimMoney) -> String {
        let decided = status == .approved ? "approved \(target)" : "rejected"
        return "review round \(round) \(decided); paid \(money.paid) so far"
            + (money.owed.fen > 0 ? ", \(money.owed) owed back" : "")
    }

    /// The audit summary of an adjustment.
    static func adjusted(_ adjustment: ClaimAdjustment) -> [String: AuditValue] {
        ["claim": .integer(adjustment.claimID), "round": .integer(Int64(adjustment.round)),
         "kind": .text(adjustment.kind.rawValue), "amount": .integer(adjustment.amount.fen),
         "on": .text(adjustment.on.description), "entry": adjustment.ledgerEntryID.map { .integer($0) } ?? .null]
    }

    /// A further payment's ledger entry (not yet stored) and its lines, as a payout.
    static func furtherPayout(_ claim: Claim, _ payment: ClaimPayment, context: WriteContext)
        -> (entry: LedgerEntry, lines: [LedgerLine]) {
        var (entry, lines) = payout(claim, payment, context: context)
        entry.memo = "further " + entry.memo
        return (entry, lines)
    }
}
