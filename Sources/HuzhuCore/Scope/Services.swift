/// All the services under one scope: what the scripting layer and the CLI
/// hold for a run.
///
/// ```swift
/// let services = Services(scope: .unit("BH"))
/// try database.write { db in
///     let count = try services.members.count(db, MemberFilter(status: .active))
///     try services.enrollment.enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC"),
///                                        context: context)
/// }
/// ```
public struct Services: Sendable {
    /// The scope every service below shares.
    public let scope: Scope
    /// Units, offices and headcounts.
    public let units: UnitService
    /// Members.
    public let members: MemberService
    /// Plans and terms (not scoped).
    public let plans: PlanService
    /// Policies and enrollment.
    public let enrollment: EnrollmentService
    /// Claims from report to payout.
    public let claims: ClaimService
    /// The fund's ledger.
    public let ledger: LedgerService
    /// Payee accounts and bank payout batches.
    public let payouts: PayoutService
    /// Annual targets and progress.
    public let targets: TargetService
    /// The figures units are judged by.
    public let indicators: IndicatorService
    /// Appraisals and the reward register.
    public let appraisals: AppraisalService
    /// Units' yearly subsidy budgets.
    public let budgets: SubsidyBudgetService
    /// Rule versions.
    public let rules: RuleService

    /// Creates the services for a scope.
    ///
    /// - Parameter scope: Everything by default.
    public init(scope: Scope = .everything, subsidy: (any SubsidyFormula)? = nil) {
        self.scope = scope
        self.units = UnitService(scope: scope)
        self.members = MemberService(scope: scope)
        self.plans = PlanService(scope: scope)
        self.enrollment = EnrollmentService(scope: scope, subsidy: subsidy)
        self.claims = ClaimService(scope: scope)
        self.ledger = LedgerService(scope: scope)
        self.payouts = PayoutService(scope: scope)
        self.targets = TargetService(scope: scope)
        self.indicators = IndicatorService(scope: scope)
        self.appraisals = AppraisalService(scope: scope)
        self.budgets = SubsidyBudgetService(scope: scope)
        self.rules = RuleService(scope: scope)
    }
}
