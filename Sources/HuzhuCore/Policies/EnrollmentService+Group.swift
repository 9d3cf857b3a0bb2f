import GRDB

// MARK: - Group enrollment

extension EnrollmentService {
    /// Enrolls a unit's own active members (not its subtree) in a plan
    /// term as one batch, all or nothing.
    ///
    /// Members who already hold the term count as enrolled; members who
    /// may not enroll (age, gender, exclusive plan …) are skipped and
    /// listed in the result. Then the plan's group rule is checked over
    /// the whole batch: enrolled after the batch ÷ the unit's headcount
    /// for the term's year must reach the minimum (E511), and a unit under
    /// the small-unit threshold must enroll everyone (E512); with no
    /// headcount recorded the rule cannot be checked (E513). If the rule
    /// fails nothing is written. The subsidy formula, when the service has
    /// one, decides each policy's split (checked like a clerk's, the
    /// union's shares of the whole batch within the remaining budget).
    ///
    /// This is the one implementation of group enrolment, for a unit of
    /// five members or of thousands (Lua, the demo city): the members'
    /// standing is read with set queries, policies are inserted 64 per
    /// statement (``BatchInsert``), contributions posted per batch
    /// (``LedgerService/postContributions(_:batchID:context:)``), and the
    /// audit trail gets the batch's row and one `policy` row whose key
    /// `FIRST-LAST` names the policies' id range.
    ///
    /// ```swift
    /// let result = try database.write { db in
    ///     try enrollment.enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC"), context: context)
    /// }
    /// result.batch.enrolled   // the policies created
    /// ```
    ///
    /// - Parameters:
    ///   - db: A connection, in a write transaction.
    ///   - request: Unit, plan, term and shares.
    ///   - context: Operator, script and today's date.
    /// - Returns: The batch, its policies and the members skipped.
    /// - Throws: ``ValidationError`` (E208, E250, E217 unit closed, E419, E424, E425, E514, E502,
    ///   E511, E512, E513, E702; E507, E508, E1002 for a formula's split).
    @discardableResult
    public func enrollUnit(_ db: Database, _ request: GroupEnrollmentRequest,
                           context: WriteContext) throws -> GroupEnrollmentResult {
        var failures = FailureCollector()
        let subject = ValidationFailure.Subject.unit(request.unitCode)
        let units = UnitService(scope: scope)
        if try failures.capture(field: "unit", { try units.visibleUnit(db, code: request.unitCode, field: "unit") }) != nil,
           let closed = try units.closedFailure(db, unitCode: request.unitCode, on: context.today, field: "unit",
                                                subject: subject) {
            failures.add(closed)
        }
        let (plan, term) = try resolve(db, planCode: request.planCode, termLabel: request.termLabel,
                                       subject: subject, context: context, into: &failures)
        if let plan, !(1...max(1, plan.maxShares)).contains(request.shares) {
            failures.add(EligibilityRules.sharesFailure(request.shares, plan: plan, subject: subject))
        }
        try failures.throwIfAny()
        guard let plan, let term, let termID = term.id else { preconditionFailure("checked above") }

        let (toEnroll, alreadyEnrolled, skipped) = try candidates(db, unitCode: request.unitCode, plan: plan, term: term)
        let employees = try PolicyStore.employees(db, unitCode: request.unitCode, year: term.year)
        if let rule = plan.groupRule {
            try check(rule, employees: employees, enrolled: alreadyEnrolled + toEnroll.count, plan: plan, term: term,
                      subject: subject)
        }
        let contribution = try plan.pricePerShare.multiplied(by: Int64(request.shares))
        var policies = toEnroll.map { member in
            Policy(memberID: member.id!, planTermID: termID, planCode: plan.code, year: term.year,
                   unitCode: member.unitCode, shares: request.shares, startDate: max(term.startDate, context.today),
                   endDate: term.endDate, contribution: contribution, split: .memberPays(contribution),
                   batchID: nil, enrolledOn: context.today, provenance: Provenance(context))
        }
        let decisions = try decideSubsidies(db, &policies, members: toEnroll, plan: plan, term: term, context: context)

        var batch = EnrollmentBatch(
            id: nil, unitCode: request.unitCode, planTermID: termID, enrolledOn: context.today,
            enrolled: toEnroll.count, alreadyEnrolled: alreadyEnrolled, employees: employees,
            operatorName: context.operatorName, scriptName: context.scriptName, scriptSHA256: context.scriptSHA256)
        var ids: ClosedRange<Int64>?
        try db.inSavepoint {
            try PolicyStore.insert(db, &batch)
            for index in policies.indices { policies[index].batchID = batch.id }
            ids = try PolicyStore.insertPolicies(db, policies)
            if let ids {
                for (index, id) in ids.enumerated() { policies[index].id = id }
            }
            let range = ids.map { "\($0.lowerBound)-\($0.upperBound)" }
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
                for (index, decision) in decisions.enumerated() {
                    if let decision { try recordSubsidy(db, decision, policy: policies[index], member: toEnroll[index], context: context) }
                }
                if postsContributions {
                    try LedgerService(scope: scope).postContributions(db, batchID: batch.id!, context: context)
                }
            }
            return .commit
        }
        return GroupEnrollmentResult(batch: batch, policies: policies, skipped: skipped)
    }

    /// The unit's active members who may enroll (in id order), how many already
    /// hold the term, and why the others may not: the standing of all of them
    /// read with set queries, then ``EligibilityRules`` for each.
    private func candidates(_ db: Database, unitCode: String, plan: Plan, term: PlanTerm) throws
        -> (enroll: [Member], alreadyEnrolled: Int, skipped: [ValidationFailure]) {
        let holders = try PolicyStore.holders(db, unitCode: unitCode, termID: term.id!)
        var exclusive: [Int64: (plan: String, term: String)] = [:]
        if let group = plan.exclusiveGroup {
            exclusive = try PolicyStore.exclusivePolicies(db, unitCode: unitCode, group: group, otherThan: plan.code,
                                                          overlapping: term)
        }
        var enroll: [Member] = [], skipped: [ValidationFailure] = []
        var alreadyEnrolled = 0
        let members = try PolicyStore.activeMembers(db, unitCode: unitCode)
        while let member = try members.next() {
            if holders.contains(member.id!) {
                alreadyEnrolled += 1
                continue
            }
            let standing = EligibilityRules.Standing(holdsTerm: false, exclusive: exclusive[member.id!])
            let reasons = EligibilityRules.failures(member: member, plan: plan, term: term, shares: nil, standing: standing)
            if reasons.isEmpty { enroll.append(member) } else { skipped.append(contentsOf: reasons) }
        }
        return (enroll, alreadyEnrolled, skipped)
    }

    /// Asks the subsidy formula, if any, for every policy's split; the unit's
    /// chain and budget are read once and the budget's use counted as the
    /// batch goes. Returns each policy's decision (nil without a formula).
    private func decideSubsidies(_ db: Database, _ policies: inout [Policy], members: [Member], plan: Plan,
                                 term: PlanTerm, context: WriteContext) throws -> [SubsidyDecision?] {
        guard let subsidy, let first = members.first else { return Array(repeating: nil, count: policies.count) }
        let (chain, unitBudget) = try subsidyStanding(db, unitCode: first.unitCode, year: term.year)
        var budget = unitBudget
        return try subsidy.deciding(on: context.today, in: db) {
            var decisions: [SubsidyDecision?] = []
            decisions.reserveCapacity(policies.count)
            for index in policies.indices {
                let member = members[index]
                let decision = try decideSubsidy(db, subsidy, policy: policies[index], member: member, plan: plan,
                                                 term: term, unitChain: chain, budget: budget, context: context,
                                                 subject: .member(member.residentID.value))
                policies[index].split = decision.split
                if let used = budget?.used { budget?.used = Money(fen: used.fen + decision.split.union.fen) }
                decisions.append(decision)
            }
            return decisions
        }
    }
}
