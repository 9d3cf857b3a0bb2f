import GRDB

extension EnrollmentService {
    /// Asks the subsidy formula for a policy's split and checks the proposal
    /// like a clerk's: non-negative parts adding up to the contribution, and
    /// the union's share within the remaining budget.
    func decideSubsidy(_ db: Database, _ formula: any SubsidyFormula, policy: Policy, member: Member, plan: Plan,
                       term: PlanTerm, context: WriteContext, subject: ValidationFailure.Subject) throws -> SubsidyDecision {
        let (chain, budget) = try subsidyStanding(db, unitCode: member.unitCode, year: term.year)
        return try decideSubsidy(db, formula, policy: policy, member: member, plan: plan, term: term, unitChain: chain,
                                 budget: budget, decidedOn: context.today, context: context, subject: subject)
    }

    /// A unit's chain up to the federation (nearest first) and the subsidy budget that applies to it in a year.
    func subsidyStanding(_ db: Database, unitCode: String, year: Int) throws -> ([String], SubsidyBudgetStatus?) {
        let unit = try UnitStore.unit(db, code: unitCode)
        let chain = (unit?.path ?? "").split(separator: "/").map(String.init).reversed()
        return (Array(chain), try SubsidyBudgetService().status(db, forUnit: unitCode, year: year))
    }

    /// As above, with the unit's chain and budget read once for many policies
    /// (the budget's `used` counting the union shares decided so far).
    func decideSubsidy(_ db: Database, _ formula: any SubsidyFormula, policy: Policy, member: Member, plan: Plan,
                       term: PlanTerm, unitChain chain: [String], budget: SubsidyBudgetStatus?, decidedOn: CivilDate,
                       context: WriteContext, subject: ValidationFailure.Subject) throws -> SubsidyDecision {
        let input = SubsidyInput(plan: plan, term: term, shares: policy.shares, contribution: policy.contribution,
                                 start: policy.startDate, end: policy.endDate, member: member,
                                 ageAtStart: member.age(on: policy.startDate), unitChain: chain,
                                 budget: budget, decidedOn: decidedOn)
        let decision = try formula.decide(input, in: db)
        var failures = decision.split.failures(against: policy.contribution, subject: subject)
        if let budget, decision.split.union.fen > budget.remaining.fen {
            failures.append(ValidationFailure(.subsidyBudgetExceeded, field: "split.union", subject: subject,
                                              ["union": decision.split.union.description, "remaining": budget.remaining.description]))
        }
        if !failures.isEmpty { throw ValidationError(failures) }
        return decision
    }

    /// Records a subsidy decision beside the policy it made (for explain and replay).
    func recordSubsidy(_ db: Database, _ decision: SubsidyDecision, policy: Policy, member: Member,
                       decidedOn: CivilDate? = nil, context: WriteContext) throws {
        let inputs: [String: AuditValue] = [
            "plan": .text(policy.planCode), "shares": .integer(Int64(policy.shares)),
            "contribution": .integer(policy.contribution.fen), "hardship": .boolean(member.hardship),
            "gender": .text(member.gender == .male ? "male" : "female"),
            "age": .integer(Int64(member.age(on: policy.startDate))), "unit": .text(member.unitCode),
            "start": .text(policy.startDate.description),
        ]
        let outputs: [String: AuditValue] = [
            "administration": .integer(decision.split.administration.fen),
            "union": .integer(decision.split.union.fen), "member": .integer(decision.split.member.fen),
        ]
        try SubsidyStore.insertDecision(db, decision, policyID: policy.id, decidedOn: decidedOn ?? context.today,
                                        inputs: AuditValue.jsonObject(inputs), outputs: AuditValue.jsonObject(outputs),
                                        operatorName: context.operatorName)
    }
}
