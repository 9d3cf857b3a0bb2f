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
        try unitFailures(db, unitCode: request.unitCode, subject: subject, context: context, into: &failures)
        let (plan, term) = try resolve(db, planCode: request.planCode, termLabel: request.termLabel,
                                       subject: subject, context: context, into: &failures)
        if let plan, !(1...max(1, plan.maxShares)).contains(request.shares) {
            failures.add(EligibilityRules.sharesFailure(request.shares, plan: plan, subject: subject))
        }
        try failures.throwIfAny()
        guard let plan, let term else { preconditionFailure("checked above") }
        return try enrollGroup(db, unitCode: request.unitCode, plan: plan, term: term,
                               selection: .everyone(shares: request.shares), context: context)
    }

    /// Which of a unit's members a group enrolment takes, with how many shares.
    enum GroupSelection {
        /// Every active member of the unit, each with these shares (checked once for the batch).
        case everyone(shares: Int)
        /// The members renewing from an earlier term (by member id: the shares
        /// held then, checked member by member against the new term).
        case renewing(from: PlanTerm, shares: [Int64: Int])
    }

    /// The unit's own refusals of a group enrolment: unknown (E208) or
    /// out-of-scope (E250) unit, or a unit closed before today (E217).
    func unitFailures(_ db: Database, unitCode: String, subject: ValidationFailure.Subject, context: WriteContext,
                      into failures: inout FailureCollector) throws {
        let units = UnitService(scope: scope)
        if try failures.capture(field: "unit", { try units.visibleUnit(db, code: unitCode, field: "unit") }) != nil,
           let closed = try units.closedFailure(db, unitCode: unitCode, on: context.today, field: "unit",
                                                subject: subject) {
            failures.add(closed)
        }
    }

    /// The one implementation of a group enrolment once the unit, plan
    /// (with the term's rules) and term are known: the members the selection
    /// takes, each checked by ``EligibilityRules``; the plan's group rule over
    /// the unit's headcount for the term's year; the subsidy formula's split
    /// (for a renewal, the formula in force on the term's start); then the
    /// batch, its policies, the audit rows, the subsidy decisions and the
    /// ledger, all or nothing.
    func enrollGroup(_ db: Database, unitCode: String, plan: Plan, term: PlanTerm, selection: GroupSelection,
                     context: WriteContext) throws -> GroupEnrollmentResult {
        guard let termID = term.id else { preconditionFailure("a stored term") }
        let subject = ValidationFailure.Subject.unit(unitCode)
        let (toEnroll, alreadyEnrolled, skipped) = try candidates(db, unitCode: unitCode, plan: plan, term: term,
                                                                  selection: selection)
        let employees = try PolicyStore.employees(db, unitCode: unitCode, year: term.year)
        if let rule = plan.groupRule {
            try check(rule, employees: employees, enrolled: alreadyEnrolled + toEnroll.count, plan: plan, term: term,
                      subject: subject)
        }
        var policies = try toEnroll.map { member, shares in
            let contribution = try plan.pricePerShare.multiplied(by: Int64(shares))
            return Policy(memberID: member.id!, planTermID: termID, planCode: plan.code, year: term.year,
                          unitCode: member.unitCode, shares: shares, startDate: max(term.startDate, context.today),
                          endDate: term.endDate, contribution: contribution, split: .memberPays(contribution),
                          batchID: nil, enrolledOn: context.today, provenance: Provenance(context))
        }
        let members = toEnroll.map(\.member)
        let renewedFrom: PlanTerm?
        if case .renewing(let from, _) = selection { renewedFrom = from } else { renewedFrom = nil }
        // A renewal's split is the one the formula in force on the new term's start gives.
        let decidedOn = renewedFrom == nil ? context.today : term.startDate
        let decisions = try decideSubsidies(db, &policies, members: members, plan: plan, term: term,
                                            decidedOn: decidedOn, context: context)
        let operation = renewedFrom == nil ? "enrollUnit" : "renew"

        var batch = EnrollmentBatch(
            id: nil, unitCode: unitCode, planTermID: termID, enrolledOn: context.today,
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
            var batchSummary: [String: AuditValue] = [
                "unit": .text(unitCode), "plan": .text(plan.code), "term": .text(term.label),
                "enrolled": .integer(Int64(toEnroll.count)),
                "alreadyEnrolled": .integer(Int64(alreadyEnrolled)),
                "employees": employees.map { .integer(Int64($0)) } ?? .null,
                "policies": .text(range),
            ]
            if let renewedFrom { batchSummary["renewedFrom"] = .text(renewedFrom.label) }
            try AuditLog.record(db, context: context, action: "insert", operation: operation,
                                table: "enrollmentBatch", rowKey: String(batch.id!), summary: batchSummary)
            if let range {
                var summary: [String: AuditValue] = [
                    "count": .integer(Int64(toEnroll.count)), "batch": .integer(batch.id!),
                    "plan": .text(plan.code), "term": .text(term.label),
                ]
                let shares = Set(policies.map(\.shares))
                if shares.count == 1, let first = policies.first {
                    summary["shares"] = .integer(Int64(first.shares))
                    summary["contribution"] = .integer(first.contribution.fen)
                } else {   // a renewal keeps each member's shares
                    summary["contributions"] = .integer(policies.reduce(0) { $0 + $1.contribution.fen })
                }
                if let renewedFrom { summary["renewedFrom"] = .text(renewedFrom.label) }
                try AuditLog.record(db, context: context, action: "insert", operation: operation, table: "policy",
                                    rowKey: range, summary: summary)
                for (index, decision) in decisions.enumerated() {
                    if let decision {
                        try recordSubsidy(db, decision, policy: policies[index], member: members[index],
                                          decidedOn: decidedOn, context: context)
                    }
                }
                if postsContributions {
                    try LedgerService(scope: scope).postContributions(db, batchID: batch.id!, context: context)
                }
            }
            return .commit
        }
        return GroupEnrollmentResult(batch: batch, policies: policies, skipped: skipped)
    }

    /// The unit's active members the selection takes and who may enroll (in
    /// id order, with their shares), how many of the unit's active members
    /// already hold the term, and why the others taken may not: the standing
    /// of all of them read with set queries, then ``EligibilityRules`` for
    /// each. A renewing member who already holds the term is listed (E503)
    /// and counts as enrolled.
    private func candidates(_ db: Database, unitCode: String, plan: Plan, term: PlanTerm, selection: GroupSelection) throws
        -> (enroll: [(member: Member, shares: Int)], alreadyEnrolled: Int, skipped: [ValidationFailure]) {
        let holders = try PolicyStore.holders(db, unitCode: unitCode, termID: term.id!)
        var exclusive: [Int64: (plan: String, term: String)] = [:]
        if let group = plan.exclusiveGroup {
            exclusive = try PolicyStore.exclusivePolicies(db, unitCode: unitCode, group: group, otherThan: plan.code,
                                                          overlapping: term)
        }
        var enroll: [(member: Member, shares: Int)] = [], skipped: [ValidationFailure] = []
        var alreadyEnrolled = 0
        let members = try PolicyStore.activeMembers(db, unitCode: unitCode)
        while let member = try members.next() {
            let shares: Int, checkedShares: Int?
            switch selection {
            case .everyone(let all):
                (shares, checkedShares) = (all, nil)   // checked once for the batch
            case .renewing(_, let held):
                guard let own = held[member.id!] else {
                    if holders.contains(member.id!) { alreadyEnrolled += 1 }
                    continue
                }
                (shares, checkedShares) = (own, own)
            }
            let holds = holders.contains(member.id!)
            if holds {
                alreadyEnrolled += 1
                guard case .renewing = selection else { continue }
            }
            let standing = EligibilityRules.Standing(holdsTerm: holds, exclusive: exclusive[member.id!])
            let reasons = EligibilityRules.failures(member: member, plan: plan, term: term, shares: checkedShares,
                                                    standing: standing)
            if reasons.isEmpty { enroll.append((member, shares)) } else { skipped.append(contentsOf: reasons) }
        }
        return (enroll, alreadyEnrolled, skipped)
    }

    /// Asks the subsidy formula, if any, for every policy's split; the unit's
    /// chain and budget are read once and the budget's use counted as the
    /// batch goes. Returns each policy's decision (nil without a formula).
    private func decideSubsidies(_ db: Database, _ policies: inout [Policy], members: [Member], plan: Plan,
                                 term: PlanTerm, decidedOn: CivilDate, context: WriteContext) throws -> [SubsidyDecision?] {
        guard let subsidy, let first = members.first else { return Array(repeating: nil, count: policies.count) }
        let (chain, unitBudget) = try subsidyStanding(db, unitCode: first.unitCode, year: term.year)
        var budget = unitBudget
        return try subsidy.deciding(on: decidedOn, in: db) {
            var decisions: [SubsidyDecision?] = []
            decisions.reserveCapacity(policies.count)
            for index in policies.indices {
                let member = members[index]
                let decision = try decideSubsidy(db, subsidy, policy: policies[index], member: member, plan: plan,
                                                 term: term, unitChain: chain, budget: budget, decidedOn: decidedOn,
                                                 context: context, subject: .member(member.residentID.value))
                policies[index].split = decision.split
                if let used = budget?.used { budget?.used = Money(fen: used.fen + decision.split.union.fen) }
                decisions.append(decision)
            }
            return decisions
        }
    }
}
