import GRDB

/// Computes what a plan pays for a claim.
///
/// - **Fixed schedule** (a plan with benefit items): the item's sum × the
///   policy's shares; no deductible, no ratio.
/// - **Ratio**: (base − deductible, not below 0) × payment ratio, rounded
///   half-up to the fen, where the base is the self-paid amount or the
///   total, as the plan's ``Plan/benefitBase`` says. The deductible
///   applies per claim.
/// - **Caps**: the plan's per-claim cap and per-term cap, each × the
///   policy's shares (more shares buy more cover); the per-term cap counts
///   every approved or paid claim of the member in the same plan term.
/// - **Waiting period**: an incident before cover start + the plan's
///   waiting period pays 0. Cover start is the member's own policy start,
///   carried back over earlier policies of the same plan that end the day
///   before (a renewing member does not wait again). Accident plans have
///   no waiting period.
///
/// ```swift
/// let breakdown = try BenefitCalculator.compute(BenefitInput(plan: inpatient, shares: 1, expenses: expenses,
///                                                            incidentDate: incident, coverStart: start))
/// breakdown.amount
/// ```
public enum BenefitCalculator {
    /// Computes a benefit from its inputs (no database).
    ///
    /// - Parameter input: Plan, shares, item, expenses, dates and what the term already took.
    /// - Returns: The breakdown.
    /// - Throws: ``ValidationError`` E610 / E609 for a missing or unknown
    ///   benefit item of a fixed-sum plan; ``MoneyError`` on overflow.
    public static func compute(_ input: BenefitInput) throws -> BenefitBreakdown {
        let plan = input.plan
        let shares = Int64(input.shares)
        let perClaimCap = try plan.perClaimCap.map { try $0.multiplied(by: shares) }
        let perTermCap = try plan.perTermCap.map { try $0.multiplied(by: shares) }
        let coveredFrom = input.coverStart.adding(days: plan.waitingPeriodDays)
        var breakdown = BenefitBreakdown(
            method: plan.benefits.isEmpty ? .ratio : .fixedSchedule, benefitItemCode: nil, shares: input.shares,
            base: .zero, baseKind: nil, deductible: .zero, paymentRatio: 10_000, beforeCaps: .zero,
            perClaimCap: perClaimCap, perTermCap: perTermCap, usedInTerm: input.usedInTerm, capApplied: nil,
            coverStart: input.coverStart, waitingPeriodDays: plan.waitingPeriodDays, coveredFrom: coveredFrom,
            inWaitingPeriod: input.incidentDate < coveredFrom, amount: .zero)
        if plan.benefits.isEmpty {
            let base = plan.benefitBase == .total ? input.expenses.total : input.expenses.selfPaid
            breakdown.base = base
            breakdown.baseKind = plan.benefitBase
            breakdown.deductible = plan.deductible
            breakdown.paymentRatio = plan.paymentRatio
            let net = max(0, base.fen - plan.deductible.fen)
            breakdown.beforeCaps = Money(fen: try Money.roundHalfUp(net, times: Int64(plan.paymentRatio), over: 10_000))
        } else {
            let item = try benefitItem(of: plan, code: input.benefitItemCode)
            breakdown.benefitItemCode = item.code
            breakdown.base = try item.amount.multiplied(by: shares)
            breakdown.beforeCaps = breakdown.base
        }
        guard !breakdown.inWaitingPeriod else { return breakdown }
        let capped = cap(breakdown.beforeCaps, perClaimCap: perClaimCap, remainingInTerm: breakdown.remainingInTerm)
        breakdown.amount = capped.amount
        breakdown.capApplied = capped.cap
        return breakdown
    }

    /// Caps a proposed benefit (a top-up rule's result) at the plan's
    /// limits as they stand for the claim: the per-claim cap and what is
    /// left of the per-term cap; 0 in the waiting period.
    ///
    /// ```swift
    /// // per-claim cap 5,000.00; the rule proposes 6,000.00
    /// BenefitCalculator.cap(proposal, within: breakdown).capped   // 5000.00
    /// ```
    ///
    /// - Parameters:
    ///   - proposal: The rule's proposal (0 or more).
    ///   - breakdown: The claim's computed benefit.
    /// - Returns: Proposed, capped and the cap that bit.
    public static func cap(_ proposal: TopUpProposal, within breakdown: BenefitBreakdown) -> CappedProposal {
        guard !breakdown.inWaitingPeriod else {
            return CappedProposal(proposed: proposal.amount, capped: .zero, capApplied: nil)
        }
        let capped = cap(proposal.amount, perClaimCap: breakdown.perClaimCap, remainingInTerm: breakdown.remainingInTerm)
        return CappedProposal(proposed: proposal.amount, capped: capped.amount, capApplied: capped.cap)
    }

    static func cap(_ amount: Money, perClaimCap: Money?, remainingInTerm: Money?) -> (amount: Money, cap: BenefitCap?) {
        var amount = amount
        var applied: BenefitCap?
        if let perClaimCap, amount > perClaimCap {
            amount = perClaimCap
            applied = .perClaim
        }
        if let remainingInTerm, amount > remainingInTerm {
            amount = remainingInTerm
            applied = .perTerm
        }
        return (amount, applied)
    }

    static func benefitItem(of plan: Plan, code: String?) throws -> BenefitItem {
        let subject = ValidationFailure.Subject.plan(plan.code)
        let items = plan.benefits.map(\.code).joined(separator: ", ")
        guard let code, !code.isEmpty else {
            throw ValidationError(ValidationFailure(.benefitItemRequired, field: "benefitItem", subject: subject,
                                                    ["plan": plan.code, "items": items]))
        }
        guard let item = plan.benefits.first(where: { $0.code == code }) else {
            throw ValidationError(ValidationFailure(.benefitItemUnknown, field: "benefitItem", value: .plain(code),
                                                    subject: subject, ["plan": plan.code, "item": code]))
        }
        return item
    }

    // MARK: - From the database

    /// The benefit of a stored claim as things stand: its plan and policy,
    /// the member's continuous cover and the other approved or paid claims
    /// of the term.
    ///
    /// - Parameters:
    ///   - db: A connection.
    ///   - claim: The claim (stored, with an id).
    /// - Returns: The breakdown.
    /// - Throws: As ``compute(_:)``, or a database error.
    public static func benefit(_ db: Database, claim: Claim) throws -> BenefitBreakdown {
        guard let plan = try PlanStore.plan(db, termID: claim.planTermID),
              let policy = try PolicyStore.policy(db, id: claim.policyID) else {
            preconditionFailure("a stored claim has its plan and policy (foreign keys)")
        }
        let input = BenefitInput(plan: plan, shares: policy.shares, benefitItemCode: claim.benefitItemCode,
                                 expenses: claim.expenses, incidentDate: claim.incidentDate,
                                 coverStart: try coverStart(db, policy: policy),
                                 usedInTerm: try usedInTerm(db, memberID: claim.memberID, planTermID: claim.planTermID,
                                                            excluding: claim.id))
        return try compute(input)
    }

    /// The first day of the member's continuous cover in the policy's plan:
    /// the policy's start, carried back over earlier non-cancelled policies
    /// of the same plan that end the day before.
    public static func coverStart(_ db: Database, policy: Policy) throws -> CivilDate {
        let earlier = try ClaimStore.earlierPolicies(db, of: policy)
        var start = policy.startDate
        for previous in earlier where previous.endDate.adding(days: 1) == start {
            start = previous.startDate
        }
        return start
    }

    /// What the member's approved and paid claims in a plan term take, apart from one claim.
    public static func usedInTerm(_ db: Database, memberID: Int64, planTermID: Int64, excluding claimID: Int64?) throws -> Money {
        Money(fen: try ClaimStore.approvedInTerm(db, memberID: memberID, planTermID: planTermID, excluding: claimID))
    }
}

/// What ``BenefitCalculator/compute(_:)`` needs.
public struct BenefitInput: Hashable, Sendable {
    /// The plan.
    public var plan: Plan
    /// The policy's shares.
    public var shares: Int
    /// For a fixed-sum plan, the item claimed.
    public var benefitItemCode: String?
    /// The expenses (ratio plans).
    public var expenses: ClaimExpenses
    /// The incident date.
    public var incidentDate: CivilDate
    /// The first day of the member's continuous cover.
    public var coverStart: CivilDate
    /// What other approved or paid claims of the term already take.
    public var usedInTerm: Money

    /// Creates an input.
    public init(plan: Plan, shares: Int = 1, benefitItemCode: String? = nil, expenses: ClaimExpenses = .none,
                incidentDate: CivilDate, coverStart: CivilDate, usedInTerm: Money = .zero) {
        self.plan = plan
        self.shares = shares
        self.benefitItemCode = benefitItemCode
        self.expenses = expenses
        self.incidentDate = incidentDate
        self.coverStart = coverStart
        self.usedInTerm = usedInTerm
    }
}
