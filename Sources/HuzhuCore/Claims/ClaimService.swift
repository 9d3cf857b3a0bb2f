import GRDB

/// Takes claims from report to payout and reads them.
///
/// The state machine (``ClaimStatus``) is enforced: reported → under
/// review (``beginReview(_:claimID:note:context:)``) → approved or rejected
/// (``review(_:claimID:_:context:)``); approved → paid
/// (``pay(_:claimID:_:context:)``, which also posts the payout to the
/// ledger); rejected or approved-but-unpaid → under review again
/// (``reopen(_:claimID:reason:context:)``, a new review round). No step is
/// skipped and a claim is paid once. Every transition is a row in the
/// append-only `claimEvent` table with its business date, instant,
/// operator and script, and every write is audited.
///
/// Every function takes a `Database`, so a caller composes many calls in
/// one transaction; each write is itself atomic (a savepoint), and all the
/// failures of one input are collected and thrown together.
///
/// ```swift
/// let claims = ClaimService(scope: .unit("BH"))
/// try database.write { db in
///     var claim = try claims.report(db, report, context: context)
///     claim = try claims.beginReview(db, claimID: claim.id!, context: context)
///     claim = try claims.review(db, claimID: claim.id!, .approve(), context: context)
///     claim = try claims.pay(db, claimID: claim.id!, ClaimPayment(amount: claim.approvedAmount!, method: .bankTransfer,
///                                                               reference: "BK-1", paidOn: context.today),
///                            context: context)
/// }
/// ```
public struct ClaimService: Sendable {
    /// The part of the tree this service sees and may change (by the policy's enrolling unit).
    public let scope: Scope

    /// Creates a service.
    ///
    /// - Parameter scope: Everything by default.
    public init(scope: Scope = .everything) {
        self.scope = scope
    }

    // MARK: - Report

    /// Records a reported claim (报案).
    ///
    /// Checks, collecting every failure: the policy exists (E509) or the
    /// member (E305) and plan (E419) hold a policy covering the incident
    /// (E606); the policy is inside the scope (E250) and not cancelled
    /// (E655); the plan takes the claim's kind (E604); the report date is
    /// not after today (E309); no date is after the report date (E611);
    /// discharge is not before admission nor the incident, settlement not
    /// before discharge (E605); illness and accident claims under a ratio
    /// plan have hospital dates (E612); the expenses are not negative
    /// (E608) and add up (E607); a fixed-sum plan names a known benefit
    /// item (E610, E609), a ratio plan none (E609); the incident is inside
    /// the policy's cover (E651); the same policy, kind and incident date
    /// are not claimed already by a claim that is not rejected (E656).
    ///
    /// Deadlines are set from the plan: a report after the report window
    /// (discharge, else incident, + ``Plan/reportWindowDays``) is flagged
    /// ``Claim/lateReport``; a report after the lapse window (settlement,
    /// else discharge, else incident, + ``Plan/lapseWindowDays``) is stored
    /// and at once rejected as lapsed (E654): reported → under review →
    /// rejected, each step an event noted "automatic".
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - report: The claim as reported.
    ///   - context: Operator, script and today's date.
    /// - Returns: The stored claim (rejected if it lapsed).
    /// - Throws: ``ValidationError``.
    @discardableResult
    public func report(_ db: Database, _ report: ClaimReport, context: WriteContext) throws -> Claim {
        var failures = FailureCollector()
        let reportedOn = report.reportedOn ?? context.today
        let resolved = try resolvePolicy(db, report, into: &failures)
        let subject: ValidationFailure.Subject? = resolved.map { .policy($0.0.id!) }
        ClaimReportChecks.dates(report, reportedOn: reportedOn, today: context.today, subject: subject, into: &failures)
        failures.add(contentsOf: report.expenses.failures(subject: subject))
        if let (policy, plan) = resolved {
            try ClaimReportChecks.check(report, policy: policy, plan: plan, into: &failures)
        }
        if let (policy, _) = resolved, let other = try duplicate(db, of: report, policyID: policy.id!) {
            failures.add(.duplicate, field: "incidentDate", value: .plain(report.incidentDate.description),
                         subject: subject, ["other": String(other)])
        }
        try failures.throwIfAny()
        guard let (policy, plan) = resolved else { preconditionFailure("checked above") }

        var claim = ClaimReportChecks.claim(report, id: nil, policyID: policy.id!, policy: policy, plan: plan,
                                            reportedOn: reportedOn, context: context)
        try db.inSavepoint {
            try ClaimStore.insert(db, &claim)
            let id = claim.id!
            let required = ClaimDocument.required(for: report.kind)
            let provided = Set(report.documents)
            for document in required + ClaimDocument.allCases.filter({ provided.contains($0) && !required.contains($0) }) {
                try ClaimStore.insert(db, ClaimDocumentStatus(claimID: id, document: document,
                                                              required: required.contains(document),
                                                              provided: provided.contains(document)))
            }
            try recordEvent(db, claimID: id, from: nil, to: .reported, on: reportedOn, note: report.note, context: context)
            try AuditLog.record(db, context: context, action: "insert", operation: "reportClaim", table: "claim",
                                rowKey: String(id), summary: ClaimRecords.reported(
                                    policyID: policy.id!, report, reportedOn: reportedOn, late: claim.lateReport))
            if reportedOn > claim.lapseDate {
                claim = try rejectLapsed(db, claim, context: context)
            }
            return .commit
        }
        return claim
    }

    /// Marks documents as handed in (while the claim is reported or under review).
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - claimID: The claim.
    ///   - provided: The documents handed in now; extras are added to the checklist.
    ///   - context: Operator and script, for the audit trail.
    /// - Returns: The checklist after the change.
    /// - Throws: ``ValidationError`` E601, E602.
    @discardableResult
    public func recordDocuments(_ db: Database, claimID: Int64, provided: [ClaimDocument],
                                context: WriteContext) throws -> [ClaimDocumentStatus] {
        let claim = try visibleClaim(db, id: claimID)
        guard ClaimAction.recordDocuments.from.contains(claim.status) else {
            throw ValidationError(ClaimAction.recordDocuments.refusal(from: claim.status, claimID: claimID))
        }
        try db.inSavepoint {
            try ClaimStore.provide(db, claimID: claimID, Set(provided))
            try AuditLog.record(db, context: context, action: "update", operation: "recordClaimDocuments",
                                table: "claimDocument", rowKey: String(claimID), summary: ClaimRecords.documents(provided))
            return .commit
        }
        return try documents(db, claimID: claimID)
    }

    // MARK: - Checks of a report

    private func resolvePolicy(_ db: Database, _ report: ClaimReport,
                               into failures: inout FailureCollector) throws -> (Policy, Plan)? {
        var policy: Policy?
        if let id = report.policyID {
            policy = try PolicyStore.policy(db, id: id)
            if policy == nil {
                failures.add(.policyUnknown, field: "policy", value: .plain(String(id)), subject: .policy(id), ["id": String(id)])
            }
        } else {
            let residentID = report.residentID ?? ""
            let member = try failures.capture(field: "residentID") {
                try MemberService(scope: scope).visibleMember(db, residentID: residentID, field: "residentID")
            }
            let planCode = report.planCode ?? ""
            let plan = try PlanStore.plan(db, code: planCode)
            if plan == nil {
                failures.add(.planUnknown, field: "plan", value: .plain(planCode), ["code": planCode])
            }
            if let member, plan != nil {
                policy = try ClaimStore.policy(db, memberID: member.id!, planCode: planCode, covering: report.incidentDate)
                if policy == nil {
                    failures.add(.claimNoPolicy, field: "plan", value: .plain(planCode), subject: .member(member.residentID.value),
                                 ["plan": planCode, "date": report.incidentDate.description])
                }
            }
        }
        guard let policy else { return nil }
        if let failure = try scope.failure(writingTo: policy.unitCode, field: "policy", in: db) {
            failures.add(failure.about(.policy(policy.id!)))
            return nil
        }
        guard let plan = try PlanStore.plan(db, termID: policy.planTermID) else { preconditionFailure("foreign key") }
        return (policy, plan)
    }

    private func duplicate(_ db: Database, of report: ClaimReport, policyID: Int64) throws -> Int64? {
        try ClaimStore.duplicate(db, policyID: policyID, kind: report.kind, incidentDate: report.incidentDate)
    }
}
