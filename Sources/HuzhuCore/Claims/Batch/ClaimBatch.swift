import GRDB

/// Many new claims taken from report to payout in memory, with the rules
/// of ``ClaimService``, then written at once: the service's batch path, for
/// a day's or a year's claims of an office (the demo city's ~57,000 at a
/// million members), where a write per step costs ~40 statements per claim.
/// Get one from ``ClaimService/batch(_:policyIDs:)`` and store it with
/// ``ClaimService/write(_:_:)``.
///
/// Each step (``report(_:context:)``, ``beginReview(claimID:note:context:)``,
/// ``recordDocuments(claimID:provided:context:)``,
/// ``review(claimID:_:context:)``, ``pay(claimID:_:context:)``) refuses
/// with the service's failures, from the same code: the report's checks
/// (``ClaimReportChecks``), the state machine (``ClaimAction``), the
/// decision and the payment (``ClaimDecisionSteps``, ``ClaimApproval``,
/// ``BenefitCalculator``), the ledger's checks of the payout, and records
/// what the service records (``ClaimRecords``: audit summaries, event
/// notes, the payout entry). What it reads once instead of per claim:
/// cover start from the member's policies (for all the policies named up
/// front) and what the member's approved and paid claims of the term take
/// (then kept up to date in memory as claims are approved).
///
/// ``ClaimService/write(_:_:)`` stores exactly the rows the service would
/// have written, with the same ids, one prepared multi-row statement per
/// table (``ClaimBatchStore``); a test compares both paths row by row.
/// Only claims reported through the batch can be taken further; reports
/// name their policy (``ClaimReport/policyID``), which must be among those
/// given when the batch was made. Nothing else may write claims, review
/// rounds or ledger entries between making the batch and writing it.
///
/// ```swift
/// var batch = try services.claims.batch(db, policyIDs: reports.compactMap(\.policyID))
/// for report in reports {
///     let id = try batch.report(report, context: context).id!
///     try batch.beginReview(claimID: id, context: context)
///     _ = try batch.review(claimID: id, .approve(), context: context)
/// }
/// try services.claims.write(db, batch)
/// ```
public struct ClaimBatch: Sendable {
    /// The part of the tree the writer sees and may change.
    let scope: Scope

    /// What a claim needs of its policy.
    struct PolicyFacts {
        var policy: Policy
        /// The first day of the member's continuous cover in the plan (``BenefitCalculator/coverStart(_:policy:)``).
        var coverStart: CivilDate
    }

    /// A claim made here and where its rows are.
    struct State {
        var claim: Claim
        var documentRows: [Int]
        var reviewRow: Int?
    }

    /// Each plan with a term's rules, by term id.
    var plans: [Int64: Plan] = [:]
    var termLabels: [Int64: String] = [:]
    var policies: [Int64: PolicyFacts] = [:]
    var unitsInScope: [String: ValidationFailure?] = [:]
    /// Approved and paid amounts per member and plan term.
    var used: [TermKey: Int64] = [:]
    /// The claims that are not rejected, per policy, kind and incident.
    var open: [IncidentKey: [Int64]] = [:]

    let firstClaimID: Int64
    let firstReviewID: Int64
    let firstEntryID: Int64
    /// The books' latest closing when the batch was made: a payout dated in it is refused (E950).
    let closing: LedgerClosing?
    var states: [State] = []
    var documents: [ClaimDocumentStatus] = []
    var reviews: [ClaimReview] = []
    var events: [ClaimEvent] = []
    var payments: [ClaimPayment] = []
    var entries: [LedgerEntry] = []
    var lines: [LedgerLine] = []
    var audits: [AuditEntry] = []

    struct TermKey: Hashable {
        var memberID: Int64
        var planTermID: Int64
    }

    struct IncidentKey: Hashable {
        var policyID: Int64
        var kind: ClaimKind
        var incidentDate: CivilDate
    }

    /// Reads what the claims of the given policies need: the plans, the
    /// policies and their members' other policies (for cover start), what
    /// the terms' approved and paid claims take, and the open claims (for
    /// duplicates).
    ///
    /// - Parameters:
    ///   - db: A connection, in the write transaction ``write(_:)`` will use.
    ///   - scope: The part of the tree the writer may change; everything by default.
    ///   - policyIDs: The policies the claims will be reported on.
    /// - Throws: A database error.
    init(_ db: Database, scope: Scope = .everything, policyIDs: some Sequence<Int64>) throws {
        self.scope = scope
        plans = try ClaimBatchStore.plansByTerm(db)
        termLabels = try ClaimBatchStore.termLabels(db)
        let ids = Array(Set(policyIDs)).sorted()
        let chunk = 500
        for start in stride(from: 0, to: ids.count, by: chunk) {
            let found = try ClaimBatchStore.policies(db, ids: ids[start..<min(start + chunk, ids.count)])
            // The members' other policies, for cover start carried back over earlier policies of the same plan.
            let earlier = try ClaimBatchStore.coverPeriods(db, memberIDs: Set(found.map(\.memberID)))
            for policy in found {
                let candidates = (earlier["\(policy.memberID) \(policy.planCode)"] ?? [])
                    .filter { $0.start < policy.startDate }.sorted { $0.start > $1.start }
                var start = policy.startDate
                for previous in candidates where previous.end.adding(days: 1) == start {
                    start = previous.start
                }
                policies[policy.id!] = PolicyFacts(policy: policy, coverStart: start)
                if unitsInScope[policy.unitCode] == nil {
                    unitsInScope[policy.unitCode] = .some(try scope.failure(writingTo: policy.unitCode, field: "policy", in: db))
                }
            }
        }
        for (key, amount) in try ClaimBatchStore.usedInTerms(db) {
            used[TermKey(memberID: key.memberID, planTermID: key.planTermID)] = amount
        }
        for claim in try ClaimBatchStore.openClaims(db) {
            open[IncidentKey(policyID: claim.policyID, kind: claim.kind, incidentDate: claim.incidentDate), default: []]
                .append(claim.id)
        }
        firstClaimID = try ClaimBatchStore.nextID(db, table: "claim")
        firstReviewID = try ClaimBatchStore.nextID(db, table: "claimReview")
        firstEntryID = try ClaimBatchStore.nextID(db, table: "ledgerEntry")
        closing = try LedgerService(scope: scope).closedThrough(db)
    }
}

extension ClaimService {
    /// A batch for new claims on the given policies, in this service's scope:
    /// each step is taken in memory with the service's rules, and
    /// ``write(_:_:)`` stores every row at once (see ``ClaimBatch``).
    ///
    /// - Parameters:
    ///   - db: A connection, in the write transaction ``write(_:_:)`` will use.
    ///   - policyIDs: The policies the claims will be reported on.
    /// - Returns: An empty batch.
    /// - Throws: A database error.
    public func batch(_ db: Database, policyIDs: some Sequence<Int64>) throws -> ClaimBatch {
        try ClaimBatch(db, scope: scope, policyIDs: policyIDs)
    }

    /// Stores every row a batch made, in a savepoint, with the ids its steps gave.
    ///
    /// - Parameters:
    ///   - db: The connection the batch was made with, in the same transaction.
    ///   - batch: The batch.
    /// - Throws: A database error.
    public func write(_ db: Database, _ batch: ClaimBatch) throws {
        try ClaimBatchStore.write(db, batch)
    }
}
