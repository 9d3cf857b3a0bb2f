import GRDB

// MARK: - Claims in bulk

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
    private struct State {
        var claim: Claim
        var documentRows: [Int]
        var reviewRow: Int?
    }

    private var plans: [String: Plan] = [:]
    private var termLabels: [Int64: String] = [:]
    private var policies: [Int64: PolicyFacts] = [:]
    private var unitsInScope: [String: ValidationFailure?] = [:]
    /// Approved and paid amounts per member and plan term.
    private var used: [TermKey: Int64] = [:]
    /// The claims that are not rejected, per policy, kind and incident.
    private var open: [IncidentKey: [Int64]] = [:]

    private let firstClaimID: Int64
    private let firstReviewID: Int64
    private let firstEntryID: Int64
    private var states: [State] = []
    private var documents: [ClaimDocumentStatus] = []
    private var reviews: [ClaimReview] = []
    private var events: [ClaimEvent] = []
    private var payments: [ClaimPayment] = []
    private var entries: [LedgerEntry] = []
    private var lines: [LedgerLine] = []
    private var audits: [AuditEntry] = []

    private struct TermKey: Hashable {
        var memberID: Int64
        var planTermID: Int64
    }

    private struct IncidentKey: Hashable {
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
    private static func nextID(_ db: Database, table: String) throws -> Int64 {
        let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table]) ?? 0
        let largest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM \(table)") ?? 0
        return max(sequence, largest) + 1
    }

    // MARK: - Steps

    /// Records a reported claim, as ``ClaimService/report(_:_:context:)`` does.
    ///
    /// - Returns: The claim (rejected if it lapsed).
    /// - Throws: ``ValidationError``, the service's failures.
    @discardableResult
    mutating func report(_ report: ClaimReport, context: WriteContext) throws -> Claim {
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
        if reportedOn > context.today {
            failures.add(.dateInFuture, field: "reportedOn", value: .plain(reportedOn.description), subject: facts.map { _ in subject },
                         ["date": reportedOn.description, "today": context.today.description])
        }
        ClaimReportChecks.dates(report, reportedOn: reportedOn, subject: facts.map { _ in subject }, into: &failures)
        failures.add(contentsOf: report.expenses.failures(subject: facts.map { _ in subject }))
        var plan: Plan?
        if let policy = facts?.policy {
            plan = plans[policy.planCode]
            try ClaimReportChecks.check(report, policy: policy, plan: plan!, into: &failures)
            let key = IncidentKey(policyID: policyID, kind: report.kind, incidentDate: report.incidentDate)
            if let other = open[key]?.min() {
                failures.add(.duplicateClaim, field: "incidentDate", value: .plain(report.incidentDate.description),
                             subject: subject, ["other": String(other)])
            }
        }
        try failures.throwIfAny()
        guard let policy = facts?.policy, let plan else { preconditionFailure("checked above") }

        let id = firstClaimID + Int64(states.count)
        let reportFrom = report.dischargeDate ?? report.incidentDate
        let lapseFrom = report.settlementDate ?? report.dischargeDate ?? report.incidentDate
        let reportDeadline = reportFrom.adding(days: plan.reportWindowDays)
        let lapseDate = lapseFrom.adding(days: plan.lapseWindowDays)
        let claim = Claim(
            id: id, policyID: policyID, memberID: policy.memberID, planCode: policy.planCode,
            planTermID: policy.planTermID, unitCode: policy.unitCode, kind: report.kind, incidentDate: report.incidentDate,
            admissionDate: report.admissionDate, dischargeDate: report.dischargeDate, settlementDate: report.settlementDate,
            diagnosis: report.diagnosis, benefitItemCode: report.benefitItemCode, totalExpense: report.expenses.total,
            insurancePaid: report.expenses.insurancePaid, selfPaid: report.expenses.selfPaid, reportedOn: reportedOn,
            reportDeadline: reportDeadline, lateReport: reportedOn > reportDeadline, lapseDate: lapseDate,
            status: .reported, statusSince: reportedOn, approvedAmount: nil, rejectionReason: nil,
            operatorName: context.operatorName, scriptName: context.scriptName, scriptSHA256: context.scriptSHA256)
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
        audit("insert", "reportClaim", "claim", String(id), [
            "policy": .integer(policyID), "kind": .text(report.kind.rawValue),
            "incident": .text(report.incidentDate.description),
            "reportedOn": .text(reportedOn.description), "late": .boolean(claim.lateReport),
            "total": .integer(report.expenses.total.fen),
        ], at: at, context: context)
        if reportedOn > lapseDate {
            rejectLapsed(index: states.count - 1, at: at, context: context)
        }
        return states[states.count - 1].claim
    }

    /// Takes up a reported claim for review, as ``ClaimService/beginReview(_:claimID:note:context:)`` does.
    ///
    /// - Throws: ``ValidationError`` E601, E602.
    @discardableResult
    mutating func beginReview(claimID: Int64, note: String? = nil, context: WriteContext) throws -> Claim {
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
    mutating func recordDocuments(claimID: Int64, provided: [ClaimDocument], context: WriteContext) throws {
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
        audit("update", "recordClaimDocuments", "claimDocument", String(claimID), [
            "provided": .text(provided.map(\.rawValue).sorted().joined(separator: ",")),
        ], at: AuditLog.timestamp(context.clock()), context: context)
    }

    /// Decides a claim under review, as ``ClaimService/review(_:claimID:_:context:)`` does.
    ///
    /// - Returns: The claim, approved or rejected.
    /// - Throws: ``ValidationError``, the service's failures.
    @discardableResult
    mutating func review(claimID: Int64, _ decision: ClaimDecision, context: WriteContext) throws -> Claim {
        let index = try stateIndex(claimID)
        var claim = states[index].claim
        let action: ClaimAction
        if case .approve = decision { action = .approve } else { action = .reject }
        guard action.from.contains(claim.status) else {
            throw ValidationError(action.refusal(from: claim.status, claimID: claimID))
        }
        guard let row = states[index].reviewRow else { preconditionFailure("under review has a round") }
        var review = reviews[row]
        review.decidedOn = context.today
        review.decidedBy = context.operatorName
        review.scriptName = context.scriptName
        review.scriptSHA256 = context.scriptSHA256
        let newStatus: ClaimStatus
        switch decision {
        case let .approve(amount, topUp, note):
            let approved = try approval(index: index, amount: amount, topUp: topUp, into: &review)
            review.decision = .approved
            review.note = note
            review.approvedAmount = approved
            newStatus = .approved
            claim.approvedAmount = approved
        case let .reject(reason, note):
            review.decision = .rejected
            review.rejectionReason = reason
            review.note = note
            newStatus = .rejected
            claim.rejectionReason = reason
        }
        reviews[row] = review
        states[index].claim = claim
        let at = AuditLog.timestamp(context.clock())
        transition(index: index, to: newStatus, on: context.today, note: review.note, at: at, context: context)
        claim = states[index].claim
        audit("update", "reviewClaim", "claim", String(claimID), [
            "status": .text(claim.status.rawValue), "round": .integer(Int64(review.round)),
            "amount": claim.approvedAmount.map { .integer($0.fen) } ?? .null,
            "reason": claim.rejectionReason.map { .integer(Int64($0.rawValue)) } ?? .null,
            "topUpRule": .text(review.topUpRule),
        ], at: at, context: context)
        return claim
    }

    /// Pays an approved claim and posts the payout, as ``ClaimService/pay(_:claimID:_:context:)`` does.
    ///
    /// - Returns: The claim, paid.
    /// - Throws: ``ValidationError``, the service's failures.
    @discardableResult
    mutating func pay(claimID: Int64, _ payment: ClaimPayment, context: WriteContext) throws -> Claim {
        let index = try stateIndex(claimID)
        let claim = states[index].claim
        let subject = ValidationFailure.Subject.claim(claimID)
        if claim.status == .paid, let previous = payments.first(where: { $0.claimID == claimID }) {
            throw ValidationError(ValidationFailure(.claimAlreadyPaid, field: "status", value: .plain("paid"), subject: subject,
                                                    ["amount": previous.amount.description,
                                                     "date": previous.paidOn.description]))
        }
        guard ClaimAction.pay.from.contains(claim.status), let approved = claim.approvedAmount else {
            throw ValidationError(ClaimAction.pay.refusal(from: claim.status, claimID: claimID))
        }
        var failures = FailureCollector()
        if payment.amount != approved {
            failures.add(.paymentAmountMismatch, field: "amount", value: .plain(payment.amount.description), subject: subject,
                         ["amount": payment.amount.description, "approved": approved.description])
        }
        if payment.reference.allSatisfy(\.isWhitespace) {
            failures.add(.valueRequired, field: "reference", subject: subject)
        }
        if payment.paidOn > context.today {
            failures.add(.dateInFuture, field: "paidOn", value: .plain(payment.paidOn.description), subject: subject,
                         ["date": payment.paidOn.description, "today": context.today.description])
        }
        if payment.paidOn < claim.statusSince {
            failures.add(.paymentBeforeApproval, field: "paidOn", value: .plain(payment.paidOn.description), subject: subject,
                         ["date": payment.paidOn.description, "approved": claim.statusSince.description])
        }
        if payment.amount.fen <= 0 {   // the ledger's check of its lines (E903)
            failures.add(.lineAmountInvalid, field: "lines", value: .plain(payment.amount.description),
                         ["amount": payment.amount.description])
        }
        try failures.throwIfAny()
        let at = AuditLog.timestamp(context.clock())
        // The ledger entry, as LedgerService.postPayout posts it.
        let entryID = firstEntryID + Int64(entries.count)
        entries.append(LedgerEntry(
            id: entryID, entryDate: payment.paidOn, kind: .payout,
            memo: "benefit of claim \(claimID) (policy \(claim.policyID)), \(payment.method.rawValue) \(payment.reference)",
            policyID: claim.policyID, claimID: claimID, reversesEntryID: nil, unitCode: claim.unitCode, at: at,
            operatorName: context.operatorName, scriptName: context.scriptName, scriptSHA256: context.scriptSHA256))
        lines.append(LedgerLine(id: nil, entryID: entryID, account: .benefitsPaid, debit: payment.amount, credit: .zero))
        lines.append(LedgerLine(id: nil, entryID: entryID, account: .fundCash, debit: .zero, credit: payment.amount))
        audit("insert", "postPayout", "ledgerEntry", String(entryID), [
            "kind": .text(LedgerEntryKind.payout.rawValue), "date": .text(payment.paidOn.description),
            "policy": .integer(claim.policyID), "claim": .integer(claimID), "reverses": .null,
            "amount": .integer(payment.amount.fen),
        ], at: at, context: context)
        var stored = payment
        stored.claimID = claimID
        stored.ledgerEntryID = entryID
        stored.operatorName = context.operatorName
        payments.append(stored)
        transition(index: index, to: .paid, on: payment.paidOn, note: "\(payment.method.rawValue) \(payment.reference)",
                   at: at, context: context)
        audit("insert", "payClaim", "claimPayment", String(claimID), [
            "amount": .integer(payment.amount.fen), "method": .text(payment.method.rawValue),
            "paidOn": .text(payment.paidOn.description), "entry": .integer(entryID),
        ], at: at, context: context)
        return states[index].claim
    }

    // MARK: - Writing

    /// Stores every row, one multi-row statement per table, in a savepoint.
    ///
    /// - Throws: A database error (a constraint: a bug, the steps checked the rules).
    func write(_ db: Database) throws {
        try db.inSavepoint {
            try writeClaims(db)
            try writeReviews(db)
            try writeEventsAndPayments(db)
            try writeLedger(db)
            try writeAudit(db)
            return .commit
        }
    }

    private func writeClaims(_ db: Database) throws {
        let insert = try BatchInsert(db, table: "claim", columns: [
            "policyID", "memberID", "planCode", "planTermID", "unitCode", "kind", "incidentDate", "admissionDate",
            "dischargeDate", "settlementDate", "diagnosis", "benefitItemCode", "totalExpense", "insurancePaid", "selfPaid",
            "reportedOn", "reportDeadline", "lateReport", "lapseDate", "status", "statusSince", "approvedAmount",
            "rejectionReason", "operator", "scriptName", "scriptSHA256",
        ])
        let ids = try insert.insert(count: states.count) { statement, index, _, offset in
            let claim = states[index].claim
            statement.bind(claim.policyID, at: offset + 1)
            statement.bind(claim.memberID, at: offset + 2)
            statement.bind(claim.planCode, at: offset + 3)
            statement.bind(claim.planTermID, at: offset + 4)
            statement.bind(claim.unitCode, at: offset + 5)
            statement.bind(claim.kind.rawValue, at: offset + 6)
            statement.bind(claim.incidentDate.description, at: offset + 7)
            statement.bindOptional(claim.admissionDate?.description, at: offset + 8)
            statement.bindOptional(claim.dischargeDate?.description, at: offset + 9)
            statement.bindOptional(claim.settlementDate?.description, at: offset + 10)
            statement.bindOptional(claim.diagnosis, at: offset + 11)
            statement.bindOptional(claim.benefitItemCode, at: offset + 12)
            statement.bind(claim.totalExpense.fen, at: offset + 13)
            statement.bind(claim.insurancePaid.fen, at: offset + 14)
            statement.bind(claim.selfPaid.fen, at: offset + 15)
            statement.bind(claim.reportedOn.description, at: offset + 16)
            statement.bind(claim.reportDeadline.description, at: offset + 17)
            statement.bind(claim.lateReport ? 1 : 0, at: offset + 18)
            statement.bind(claim.lapseDate.description, at: offset + 19)
            statement.bind(claim.status.rawValue, at: offset + 20)
            statement.bind(claim.statusSince.description, at: offset + 21)
            statement.bindOptional(claim.approvedAmount?.fen, at: offset + 22)
            statement.bindOptional(claim.rejectionReason.map { Int64($0.rawValue) }, at: offset + 23)
            statement.bind(claim.operatorName, at: offset + 24)
            statement.bindOptional(claim.scriptName, at: offset + 25)
            statement.bindOptional(claim.scriptSHA256, at: offset + 26)
        }
        precondition(ids == nil || ids!.lowerBound == firstClaimID, "claims were written between reading and writing")

        let documentInsert = try BatchInsert(db, table: "claimDocument", columns: ["claimID", "document", "required", "provided"])
        try documentInsert.insert(count: documents.count) { statement, index, _, offset in
            let document = documents[index]
            statement.bind(document.claimID, at: offset + 1)
            statement.bind(document.document.rawValue, at: offset + 2)
            statement.bind(document.required ? 1 : 0, at: offset + 3)
            statement.bind(document.provided ? 1 : 0, at: offset + 4)
        }
    }

    private func writeReviews(_ db: Database) throws {
        let insert = try BatchInsert(db, table: "claimReview", columns: [
            "claimID", "round", "openedOn", "openedBy", "openNote", "decision", "decidedOn", "decidedBy", "rejectionReason",
            "note", "computedBase", "deductible", "paymentRatio", "beforeCaps", "capApplied", "computedAmount",
            "topUpProposed", "topUpCapped", "topUpRule", "topUpRuleSHA256", "topUpNote", "approvedAmount", "scriptName",
            "scriptSHA256",
        ])
        let ids = try insert.insert(count: reviews.count) { statement, index, _, offset in
            let review = reviews[index]
            statement.bind(review.claimID, at: offset + 1)
            statement.bind(Int64(review.round), at: offset + 2)
            statement.bind(review.openedOn.description, at: offset + 3)
            statement.bind(review.openedBy, at: offset + 4)
            statement.bindOptional(review.openNote, at: offset + 5)
            statement.bindOptional(review.decision?.rawValue, at: offset + 6)
            statement.bindOptional(review.decidedOn?.description, at: offset + 7)
            statement.bindOptional(review.decidedBy, at: offset + 8)
            statement.bindOptional(review.rejectionReason.map { Int64($0.rawValue) }, at: offset + 9)
            statement.bindOptional(review.note, at: offset + 10)
            statement.bindOptional(review.computedBase?.fen, at: offset + 11)
            statement.bindOptional(review.deductible?.fen, at: offset + 12)
            statement.bindOptional(review.paymentRatio.map(Int64.init), at: offset + 13)
            statement.bindOptional(review.beforeCaps?.fen, at: offset + 14)
            statement.bindOptional(review.capApplied?.rawValue, at: offset + 15)
            statement.bindOptional(review.computedAmount?.fen, at: offset + 16)
            statement.bindOptional(review.topUpProposed?.fen, at: offset + 17)
            statement.bindOptional(review.topUpCapped?.fen, at: offset + 18)
            statement.bindOptional(review.topUpRule, at: offset + 19)
            statement.bindOptional(review.topUpRuleSHA256, at: offset + 20)
            statement.bindOptional(review.topUpNote, at: offset + 21)
            statement.bindOptional(review.approvedAmount?.fen, at: offset + 22)
            statement.bindOptional(review.scriptName, at: offset + 23)
            statement.bindOptional(review.scriptSHA256, at: offset + 24)
        }
        precondition(ids == nil || ids!.lowerBound == firstReviewID, "review rounds were written between reading and writing")
    }

    private func writeEventsAndPayments(_ db: Database) throws {
        let insert = try BatchInsert(db, table: "claimEvent", columns: [
            "claimID", "fromStatus", "toStatus", "on", "at", "operator", "scriptName", "scriptSHA256", "note",
        ].map { $0 == "on" ? "\"on\"" : $0 })
        try insert.insert(count: events.count) { statement, index, _, offset in
            let event = events[index]
            statement.bind(event.claimID, at: offset + 1)
            statement.bindOptional(event.fromStatus?.rawValue, at: offset + 2)
            statement.bind(event.toStatus.rawValue, at: offset + 3)
            statement.bind(event.on.description, at: offset + 4)
            statement.bind(event.at, at: offset + 5)
            statement.bind(event.operatorName, at: offset + 6)
            statement.bindOptional(event.scriptName, at: offset + 7)
            statement.bindOptional(event.scriptSHA256, at: offset + 8)
            statement.bindOptional(event.note, at: offset + 9)
        }
        let paymentInsert = try BatchInsert(db, table: "claimPayment", columns: [
            "claimID", "amount", "method", "reference", "paidOn", "ledgerEntryID", "operator",
        ])
        try paymentInsert.insert(count: payments.count) { statement, index, _, offset in
            let payment = payments[index]
            statement.bind(payment.claimID!, at: offset + 1)
            statement.bind(payment.amount.fen, at: offset + 2)
            statement.bind(payment.method.rawValue, at: offset + 3)
            statement.bind(payment.reference, at: offset + 4)
            statement.bind(payment.paidOn.description, at: offset + 5)
            statement.bind(payment.ledgerEntryID!, at: offset + 6)
            statement.bindOptional(payment.operatorName, at: offset + 7)
        }
    }

    private func writeLedger(_ db: Database) throws {
        let insert = try BatchInsert(db, table: "ledgerEntry", columns: [
            "entryDate", "kind", "memo", "policyID", "claimID", "reversesEntryID", "unitCode", "at", "operator",
            "scriptName", "scriptSHA256",
        ])
        let ids = try insert.insert(count: entries.count) { statement, index, _, offset in
            let entry = entries[index]
            statement.bind(entry.entryDate.description, at: offset + 1)
            statement.bind(entry.kind.rawValue, at: offset + 2)
            statement.bind(entry.memo, at: offset + 3)
            statement.bindOptional(entry.policyID, at: offset + 4)
            statement.bindOptional(entry.claimID, at: offset + 5)
            statement.bindOptional(entry.reversesEntryID, at: offset + 6)
            statement.bind(entry.unitCode, at: offset + 7)
            statement.bind(entry.at, at: offset + 8)
            statement.bind(entry.operatorName, at: offset + 9)
            statement.bindOptional(entry.scriptName, at: offset + 10)
            statement.bindOptional(entry.scriptSHA256, at: offset + 11)
        }
        precondition(ids == nil || ids!.lowerBound == firstEntryID, "ledger entries were written between reading and writing")
        let lineInsert = try BatchInsert(db, table: "ledgerLine", columns: ["entryID", "account", "debit", "credit"])
        try lineInsert.insert(count: lines.count) { statement, index, _, offset in
            let line = lines[index]
            statement.bind(line.entryID, at: offset + 1)
            statement.bind(line.account.rawValue, at: offset + 2)
            statement.bind(line.debit.fen, at: offset + 3)
            statement.bind(line.credit.fen, at: offset + 4)
        }
    }

    private func writeAudit(_ db: Database) throws {
        let insert = try BatchInsert(db, table: "audit", columns: [
            "operator", "at", "action", "operation", "tableName", "rowKey", "summary", "scriptName", "scriptSHA256",
        ])
        try insert.insert(count: audits.count) { statement, index, _, offset in
            let entry = audits[index]
            statement.bind(entry.operatorName, at: offset + 1)
            statement.bind(entry.at, at: offset + 2)
            statement.bind(entry.action, at: offset + 3)
            statement.bind(entry.operation, at: offset + 4)
            statement.bind(entry.tableName, at: offset + 5)
            statement.bind(entry.rowKey, at: offset + 6)
            statement.bind(entry.summary, at: offset + 7)
            statement.bindOptional(entry.scriptName, at: offset + 8)
            statement.bindOptional(entry.scriptSHA256, at: offset + 9)
        }
    }

    // MARK: - Helpers

    private func stateIndex(_ claimID: Int64) throws -> Int {
        let index = claimID - firstClaimID
        guard index >= 0, index < Int64(states.count) else {
            throw ValidationError(ValidationFailure(.claimUnknown, field: "claim", value: .plain(String(claimID)),
                                                    ["id": String(claimID)]))
        }
        return Int(index)
    }

    /// Why the scope refuses a write to the unit (read once per unit in `init`), or `nil`.
    private func scopeFailure(_ unitCode: String) -> ValidationFailure? {
        unitsInScope[unitCode] ?? nil
    }

    /// The amount to approve, or every reason it cannot be approved, as the service's `approval`.
    private func approval(index: Int, amount: Money?, topUp: TopUpProposal?,
                          into review: inout ClaimReview) throws -> Money {
        let claim = states[index].claim
        let id = claim.id!
        let subject = ValidationFailure.Subject.claim(id)
        var failures = FailureCollector()
        if claim.reportedOn > claim.lapseDate {
            failures.add(ClaimService(scope: scope).lapseFailure(claim))
        }
        let missing = states[index].documentRows.map { documents[$0] }.filter { $0.required && !$0.provided }
            .map(\.document.rawValue)
        if !missing.isEmpty {
            failures.add(.documentsMissing, field: "documents", subject: subject, ["documents": missing.joined(separator: ", ")])
        }
        guard let facts = policies[claim.policyID], let plan = plans[claim.planCode] else {
            preconditionFailure("a claim made here has its policy and plan")
        }
        let breakdown = try BenefitCalculator.compute(BenefitInput(
            plan: plan, shares: facts.policy.shares, benefitItemCode: claim.benefitItemCode, expenses: claim.expenses,
            incidentDate: claim.incidentDate, coverStart: facts.coverStart,
            usedInTerm: Money(fen: used[TermKey(memberID: claim.memberID, planTermID: claim.planTermID)] ?? 0)))
        review.computedBase = breakdown.base
        review.deductible = breakdown.deductible
        review.paymentRatio = breakdown.paymentRatio
        review.beforeCaps = breakdown.beforeCaps
        review.capApplied = breakdown.capApplied
        review.computedAmount = breakdown.amount
        var maximum = breakdown.amount
        if let topUp {
            if topUp.ruleName.isEmpty || topUp.ruleSHA256.isEmpty {
                failures.add(.topUpRuleRequired, field: "topUp", subject: subject)
            }
            if topUp.amount.isNegative {
                failures.add(.topUpNegative, field: "topUp", value: .plain(topUp.amount.description), subject: subject,
                             ["rule": topUp.ruleName, "amount": topUp.amount.description])
            } else {
                let capped = BenefitCalculator.cap(topUp, within: breakdown)
                review.topUpProposed = capped.proposed
                review.topUpCapped = capped.capped
                review.topUpRule = topUp.ruleName
                review.topUpRuleSHA256 = topUp.ruleSHA256
                review.topUpNote = topUp.note
                maximum = capped.capped
            }
        }
        var amountExplained = false
        if breakdown.inWaitingPeriod {
            failures.add(.waitingPeriod, field: "incidentDate", value: .plain(claim.incidentDate.description),
                         subject: subject, ["date": claim.incidentDate.description, "days": String(breakdown.waitingPeriodDays),
                                            "start": breakdown.coverStart.description,
                                            "covered": breakdown.coveredFrom.description])
            amountExplained = true
        } else if maximum.fen == 0, breakdown.capApplied == .perTerm || topUp != nil && breakdown.remainingInTerm?.fen == 0 {
            failures.add(.overCap, field: "amount", subject: subject,
                         ["limit": breakdown.perTermCap?.description ?? "", "used": breakdown.usedInTerm.description,
                          "term": termLabels[claim.planTermID] ?? ""])
            amountExplained = true
        } else if maximum.fen == 0, breakdown.method == .ratio, breakdown.base <= breakdown.deductible {
            failures.add(.belowDeductible, field: "amount", subject: subject,
                         ["base": breakdown.base.description, "deductible": breakdown.deductible.description])
            amountExplained = true
        }
        let approved = amount ?? maximum
        if !amountExplained, approved.fen <= 0 || approved > maximum {
            failures.add(.approvedAmountInvalid, field: "amount", value: .plain(approved.description), subject: subject,
                         ["amount": approved.description, "benefit": maximum.description])
        }
        try failures.throwIfAny()
        return approved
    }

    /// Rejects a claim reported after it lapsed, at once (E654), as the service's `rejectLapsed`.
    private mutating func rejectLapsed(index: Int, at: String, context: WriteContext) {
        let claim = states[index].claim
        let note = "automatic: " + ClaimService(scope: scope).lapseFailure(claim).message()
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
        audit("update", "rejectLapsedClaim", "claim", String(claim.id!), [
            "status": "rejected", "reason": .integer(Int64(ClaimRejectionReason.lapsed.rawValue)),
        ], at: at, context: context)
    }

    /// Moves a claim under review and opens the next review round.
    private mutating func openReview(index: Int, note: String?, on date: CivilDate, at: String, context: WriteContext) {
        let id = states[index].claim.id!
        let round = (states[index].reviewRow.map { reviews[$0].round } ?? 0) + 1
        let reviewID = firstReviewID + Int64(reviews.count)
        states[index].reviewRow = reviews.count
        reviews.append(ClaimReview(id: reviewID, claimID: id, round: round, openedOn: date,
                                   openedBy: context.operatorName, openNote: note))
        let reopened = states[index].claim.status != .reported
        transition(index: index, to: .underReview, on: date, note: note, at: at, context: context)
        audit("insert", reopened ? "reopenClaim" : "beginClaimReview", "claimReview", String(reviewID), [
            "claim": .integer(id), "round": .integer(Int64(round)),
        ], at: at, context: context)
    }

    /// Changes a claim's status and records the event; keeps the term's usage and the open claims up to date.
    private mutating func transition(index: Int, to status: ClaimStatus, on date: CivilDate, note: String?, at: String,
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

    private mutating func event(_ claimID: Int64, from: ClaimStatus?, to: ClaimStatus, on date: CivilDate, note: String?,
                                at: String, context: WriteContext) {
        events.append(ClaimEvent(id: nil, claimID: claimID, fromStatus: from, toStatus: to, on: date, at: at,
                                 operatorName: context.operatorName, scriptName: context.scriptName,
                                 scriptSHA256: context.scriptSHA256, note: note))
    }

    private mutating func audit(_ action: String, _ operation: String, _ table: String, _ rowKey: String,
                                _ summary: [String: AuditValue], at: String, context: WriteContext) {
        audits.append(AuditEntry(id: nil, operatorName: context.operatorName, at: at, action: action, operation: operation,
                                 tableName: table, rowKey: rowKey, summary: AuditValue.jsonObject(summary),
                                 scriptName: context.scriptName, scriptSHA256: context.scriptSHA256))
    }
}

extension RawStatement {
    /// Binds an integer, or NULL for `nil`.
    func bindOptional(_ value: Int64?, at index: Int32) {
        if let value { bind(value, at: index) } else { bindNull(at: index) }
    }
}
