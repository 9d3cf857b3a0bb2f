import GRDB

/// What ``EnrollmentService/enrollUnitInBulk(_:_:context:)`` did.
public struct BulkEnrollmentResult: Hashable, Sendable {
    /// The stored batch.
    public var batch: EnrollmentBatch
    /// The ids of the policies created (consecutive); `nil` when none were.
    public var policyIDs: ClosedRange<Int64>?
    /// The number of members left out because they may not enroll.
    public var skipped: Int
    /// Why they were left out: members per reason (a member may have several).
    public var skippedReasons: [ReasonCode: Int]
}

// MARK: - Bulk group enrollment

extension EnrollmentService {
    /// Enrolls a unit's own active members in a plan term as one batch, all
    /// or nothing, with the same checks and the same outcome as
    /// ``enrollUnit(_:_:context:)``, for units of thousands of members.
    ///
    /// Checks, as `enrollUnit` does: the unit exists (E208) inside the scope
    /// (E250); the plan (E419) and its term (E424, E425, E514); the shares
    /// (E502). Members already holding the term count as enrolled; a member
    /// is skipped when holding a plan of the same exclusive group in an
    /// overlapping term (E504), when the age at the term start (E505) or the
    /// gender (E506) does not fit. Then the plan's group rule over the whole
    /// batch (E511, E512, E513); if it fails, nothing is written.
    ///
    /// What differs is only the cost and the shape of the trail: the
    /// members' standing is read with three set queries instead of two
    /// queries per member, policies are inserted 64 per statement
    /// (``BatchInsert``, as the members import inserts members), skipped members are counted per reason instead of listed,
    /// and the audit trail gets two rows — the batch (as `enrollUnit`
    /// writes it) and one `policy` row whose key `FIRST-LAST` names the
    /// policies' id range — instead of one row per policy. Each policy
    /// still carries its batch id, operator and script.
    ///
    /// ```swift
    /// let result = try database.write { db in
    ///     try enrollment.enrollUnitInBulk(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC"),
    ///                                     context: context)
    /// }
    /// result.batch.enrolled   // the policies created
    /// ```
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - request: Unit, plan, term and shares.
    ///   - context: Operator, script and today's date.
    /// - Returns: The batch, the policies' ids and the skipped members per reason.
    /// - Throws: ``ValidationError`` (E208, E250, E419, E424, E425, E514, E502,
    ///   E511, E512, E513, E702).
    @discardableResult
    public func enrollUnitInBulk(_ db: Database, _ request: GroupEnrollmentRequest,
                                 context: WriteContext) throws -> BulkEnrollmentResult {
        var failures = FailureCollector()
        let subject = ValidationFailure.Subject.unit(request.unitCode)
        try failures.capture(field: "unit") {
            _ = try UnitService(scope: scope).visibleUnit(db, code: request.unitCode, field: "unit")
        }
        let (plan, term) = try resolve(db, planCode: request.planCode, termLabel: request.termLabel,
                                       subject: subject, context: context, into: &failures)
        if let plan, !(1...max(1, plan.maxShares)).contains(request.shares) {
            failures.add(EligibilityRules.sharesFailure(request.shares, plan: plan, subject: subject))
        }
        try failures.throwIfAny()
        guard let plan, let term, let termID = term.id else { preconditionFailure("checked above") }

        // CROSS JOIN keeps the unit's members as the outer loop (SQLite does not reorder it):
        // without statistics the planner would otherwise scan every policy of the term, once per unit.
        // Cached statements: a city's enrollment makes thousands of batches in one transaction.
        let holders = Set(try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT policy.memberID FROM member CROSS JOIN policy ON policy.memberID = member.id
            WHERE member.unitCode = ? AND policy.planTermID = ? AND policy.status = 'active'
            """), arguments: [request.unitCode, termID]))
        var exclusive = Set<Int64>()
        if let group = plan.exclusiveGroup {
            exclusive = Set(try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT policy.memberID FROM member
                CROSS JOIN policy ON policy.memberID = member.id
                JOIN planTerm ON planTerm.id = policy.planTermID
                JOIN plan ON plan.code = policy.planCode
                WHERE member.unitCode = ? AND policy.status = 'active' AND plan.exclusiveGroup = ?
                  AND policy.planCode <> ? AND planTerm.startDate <= ? AND planTerm.endDate >= ?
                """), arguments: [request.unitCode, group, plan.code, term.endDate, term.startDate]))
        }

        var toEnroll: [Int64] = []
        var alreadyEnrolled = 0, skipped = 0
        var skippedReasons: [ReasonCode: Int] = [:]
        let candidates = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT id, birthDate, gender FROM member WHERE unitCode = ? AND status = 'active' ORDER BY id
            """), arguments: [request.unitCode])
        while let row = try candidates.next() {
            let id: Int64 = row[0]
            if holders.contains(id) {
                alreadyEnrolled += 1
                continue
            }
            let birthDate: CivilDate = row[1]
            let gender: Gender = row[2]
            var eligible = true
            func skip(_ reason: ReasonCode) {
                skippedReasons[reason, default: 0] += 1
                eligible = false
            }
            if exclusive.contains(id) { skip(.exclusivePlanHeld) }
            if !EligibilityRules.ageFits(birthDate.age(on: term.startDate), plan: plan) { skip(.ageIneligible) }
            if !EligibilityRules.genderFits(gender, plan: plan) { skip(.genderIneligible) }
            if eligible { toEnroll.append(id) } else { skipped += 1 }
        }

        let employees = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT employees FROM unitHeadcount WHERE unitCode = ? AND year = ?
            """), arguments: [request.unitCode, term.year])
        if let rule = plan.groupRule {
            try check(rule, employees: employees, enrolled: alreadyEnrolled + toEnroll.count, plan: plan, term: term,
                      subject: subject)
        }
        let contribution = try plan.pricePerShare.multiplied(by: Int64(request.shares))
        let split = ContributionSplit.memberPays(contribution)
        let startDate = max(term.startDate, context.today)

        var batch = EnrollmentBatch(
            id: nil, unitCode: request.unitCode, planTermID: termID, enrolledOn: context.today,
            enrolled: toEnroll.count, alreadyEnrolled: alreadyEnrolled, employees: employees,
            operatorName: context.operatorName, scriptName: context.scriptName, scriptSHA256: context.scriptSHA256)
        var first: Int64?, last: Int64?
        try db.inSavepoint {
            try batch.insert(db)
            // The bulk insert the members import uses (64 rows per statement); every
            // column but the member is the same for the whole batch.
            let insert = try BatchInsert(db, table: "policy", columns: [
                "memberID", "planTermID", "planCode", "year", "unitCode", "shares", "startDate", "endDate",
                "contribution", "splitAdministration", "splitUnion", "splitMember", "batchID", "status",
                "enrolledOn", "operator", "scriptName", "scriptSHA256",
            ], cached: true)
            let batchID = batch.id!, year = Int64(term.year), shares = Int64(request.shares)
            let startText = startDate.description, endText = term.endDate.description
            let todayText = context.today.description, status = PolicyStatus.active.rawValue
            let ids = try insert.insert(count: toEnroll.count) { statement, index, _, offset in
                statement.bind(toEnroll[index], at: offset + 1)
                statement.bind(termID, at: offset + 2)
                statement.bind(plan.code, at: offset + 3)
                statement.bind(year, at: offset + 4)
                statement.bind(request.unitCode, at: offset + 5)
                statement.bind(shares, at: offset + 6)
                statement.bind(startText, at: offset + 7)
                statement.bind(endText, at: offset + 8)
                statement.bind(contribution.fen, at: offset + 9)
                statement.bind(split.administration.fen, at: offset + 10)
                statement.bind(split.union.fen, at: offset + 11)
                statement.bind(split.member.fen, at: offset + 12)
                statement.bind(batchID, at: offset + 13)
                statement.bind(status, at: offset + 14)
                statement.bind(todayText, at: offset + 15)
                statement.bind(context.operatorName, at: offset + 16)
                statement.bindOptional(context.scriptName, at: offset + 17)
                statement.bindOptional(context.scriptSHA256, at: offset + 18)
            }
            first = ids?.lowerBound
            last = ids?.upperBound
            let range = first.flatMap { first in last.map { "\(first)-\($0)" } }
            try AuditLog.record(db, context: context, action: "insert", operation: "enrollUnit",
                                table: "enrollmentBatch", rowKey: String(batch.id!), summary: [
                                    "unit": .text(request.unitCode), "plan": .text(plan.code), "term": .text(term.label),
                                    "enrolled": .integer(Int64(toEnroll.count)),
                                    "alreadyEnrolled": .integer(Int64(alreadyEnrolled)),
                                    "employees": employees.map { .integer(Int64($0)) } ?? .null,
                                    "policies": .text(range),
                                ])
            if let range {
                try AuditLog.record(db, context: context, action: "insert", operation: "enrollUnit", table: "policy",
                                    rowKey: range, summary: [
                                        "count": .integer(Int64(toEnroll.count)), "batch": .integer(batch.id!),
                                        "plan": .text(plan.code), "term": .text(term.label),
                                        "shares": .integer(Int64(request.shares)),
                                        "contribution": .integer(contribution.fen),
                                    ])
                if postsContributions {
                    try LedgerService(scope: scope).postContributions(db, batchID: batch.id!, context: context)
                }
            }
            return .commit
        }
        return BulkEnrollmentResult(batch: batch, policyIDs: first.flatMap { first in last.map { first...$0 } },
                                    skipped: skipped, skippedReasons: skippedReasons)
    }
}
