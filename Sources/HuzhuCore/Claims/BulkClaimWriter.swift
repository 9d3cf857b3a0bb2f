import GRDB

/// Takes many new claims from report to payout in memory, with the rules of
/// ``ClaimService``, then writes every row in one go (``write(_:)``): for
/// generated claims (the demo city's ~57,000 at a million members), where
/// the service's ~40 statements per claim through records cost more than
/// the rest of the city.
///
/// Each step (``report(_:context:)``, ``beginReview(claimID:note:context:)``,
/// ``recordDocuments(claimID:provided:context:)``,
/// ``review(claimID:_:context:)``, ``pay(claimID:_:context:)``) checks
/// what the service checks and refuses with the same failures: the state
/// machine, the report's dates, expenses, kind, benefit item, cover and
/// duplicates, a lapsed report rejected at once (E654), documents, the
/// waiting period, the per-claim and per-term caps, the deductible, the
/// payment's amount and dates. The benefit is ``BenefitCalculator/compute(_:)``
/// on the same inputs the service reads per claim: cover start from the
/// member's policies (read once, in chunks, for all the policies named up
/// front) and what the member's approved and paid claims of the term take
/// (read once, then kept up to date in memory as claims are approved).
///
/// ``write(_:)`` then stores exactly the rows the service would have
/// written, with the same ids — claims, their documents, review rounds,
/// events, payments, payout ledger entries (Dr benefits:paid, Cr
/// fund:cash) and one audit row per write as the service records it — one
/// prepared multi-row statement per table (``BatchInsert``), each table's
/// rows in the order the service would have inserted them. The ids of
/// claims, review rounds and ledger entries are known ahead (the tables'
/// next AUTOINCREMENT ids), as the rows refer to each other by them.
///
/// Only claims reported through the writer can be taken further; reports
/// name their policy (``ClaimReport/policyID``), which must be among those
/// given to ``init(_:scope:policyIDs:)``. Nothing else may write claims,
/// review rounds or ledger entries between ``init(_:scope:policyIDs:)`` and
/// ``write(_:)``.
///
/// ```swift
/// var claims = try BulkClaimWriter(db, policyIDs: reports.compactMap(\.policyID))
/// for report in reports {
///     let id = try claims.report(report, context: context).id!
///     try claims.beginReview(claimID: id, context: context)
///     _ = try claims.review(claimID: id, .approve(), context: context)
/// }
/// try claims.write(db)
/// ```
struct BulkClaimWriter {
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

    var plans: [String: Plan] = [:]
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
        for plan in try Plan.fetchAll(db) { plans[plan.code] = plan }
        for row in try Row.fetchAll(db, sql: "SELECT id, label FROM planTerm") { termLabels[row[0]] = row[1] }
        let ids = Array(Set(policyIDs)).sorted()
        let chunk = 500
        for start in stride(from: 0, to: ids.count, by: chunk) {
            let part = ids[start..<min(start + chunk, ids.count)]
            let found = try Policy.fetchAll(db, sql: "SELECT * FROM policy WHERE id IN (\(part.map(String.init).joined(separator: ",")))")
            let members = Set(found.map(\.memberID))
            // The members' other policies, for cover start carried back over earlier policies of the same plan.
            var earlier: [String: [(start: CivilDate, end: CivilDate)]] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT memberID, planCode, startDate, endDate FROM policy
                WHERE memberID IN (\(members.map(String.init).joined(separator: ","))) AND status <> ?
                """, arguments: [PolicyStatus.cancelled.rawValue])
            while let row = try rows.next() {
                let memberID: Int64 = row[0], planCode: String = row[1]
                earlier["\(memberID) \(planCode)", default: []].append((row[2], row[3]))
            }
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
        for row in try Row.fetchAll(db, sql: """
            SELECT memberID, planTermID, SUM(approvedAmount) FROM claim
            WHERE status IN ('approved', 'paid') GROUP BY memberID, planTermID
            """) {
            used[TermKey(memberID: row[0], planTermID: row[1])] = row[2]
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, policyID, kind, incidentDate FROM claim WHERE status <> 'rejected' ORDER BY id") {
            open[IncidentKey(policyID: row[1], kind: row[2], incidentDate: row[3]), default: []].append(row[0])
        }
        firstClaimID = try Self.nextID(db, table: "claim")
        firstReviewID = try Self.nextID(db, table: "claimReview")
        firstEntryID = try Self.nextID(db, table: "ledgerEntry")
    }

    /// The id SQLite will give the next row of an AUTOINCREMENT table.
    static func nextID(_ db: Database, table: String) throws -> Int64 {
        let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table]) ?? 0
        let largest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM \(table)") ?? 0
        return max(sequence, largest) + 1
    }
}
