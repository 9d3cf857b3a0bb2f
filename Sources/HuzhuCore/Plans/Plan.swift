import GRDB

/// A protection plan (保障计划): what a share costs, who may join, what it
/// pays and under which limits. Stored in the `plan` table; its terms are
/// ``PlanTerm``s.
///
/// Money is in fen; the payment ratio in basis points (7000 = 70%).
/// Optional limits are `nil` when the plan has none.
///
/// ```swift
/// var plan = Plan(code: "FEM", name: "女职工特殊疾病", kind: .femaleDisease,
///                 pricePerShare: Money(fen: 2500))
/// plan.gender = .female
/// plan.benefits = [BenefitItem(code: "cancer", name: "恶性肿瘤", amount: Money(fen: 600_000))]
/// try plans.create(db, plan, context: context)
/// ```
public struct Plan: Hashable, Sendable, Codable {
    /// Unique code, 1–32 ASCII letters, digits, `-` or `_`.
    public var code: String
    /// Display name, 1–100 characters.
    public var name: String
    /// What the plan covers.
    public var kind: PlanKind
    /// The contribution for one share for one term, more than 0.
    public var pricePerShare: Money
    /// The most shares one member may hold in one term, 1 or more.
    public var maxShares: Int
    /// The youngest age allowed at the term start, if limited.
    public var minAge: Int?
    /// The oldest age allowed at the term start, if limited.
    public var maxAge: Int?
    /// The only gender allowed; `nil` for any.
    public var gender: Gender?
    /// Days after a new member's cover starts before claims are paid; 0 for accident plans.
    public var waitingPeriodDays: Int
    /// The part of a claim the member bears, 0 or more.
    public var deductible: Money
    /// The share of a claim paid, in basis points, 0–10000.
    public var paymentRatio: Int
    /// The most paid for one claim, if limited.
    public var perClaimCap: Money?
    /// The most paid in one term, if limited.
    public var perTermCap: Money?
    /// Fixed sums the plan pays; empty if it pays a ratio instead.
    public var benefits: [BenefitItem]
    /// Days after discharge within which a claim must be reported (e.g. 10).
    public var reportWindowDays: Int
    /// Days after the hospital settlement after which a claim lapses (e.g. 730).
    public var lapseWindowDays: Int
    /// Plans sharing a group exclude each other ("choose one of A and B"); `nil` for none.
    public var exclusiveGroup: String?
    /// The group-enrollment rule's minimum share in percent, if the plan has one.
    public var groupMinimumPercent: Int?
    /// The group-enrollment rule's small-unit threshold, if the plan has one.
    public var groupSmallUnitThreshold: Int?
    /// For a ratio plan, which expense the ratio applies to (self-paid by default).
    public var benefitBase: BenefitBase

    /// Creates a plan with typical defaults: one share, any age and gender,
    /// no waiting period, no deductible, 100% paid, no caps, no fixed sums,
    /// 10-day report and 730-day lapse windows, not exclusive, no group rule,
    /// a ratio applied to the self-paid amount.
    public init(code: String, name: String, kind: PlanKind, pricePerShare: Money, maxShares: Int = 1,
                minAge: Int? = nil, maxAge: Int? = nil, gender: Gender? = nil, waitingPeriodDays: Int = 0,
                deductible: Money = .zero, paymentRatio: Int = 10_000, perClaimCap: Money? = nil,
                perTermCap: Money? = nil, benefits: [BenefitItem] = [], reportWindowDays: Int = 10,
                lapseWindowDays: Int = 730, exclusiveGroup: String? = nil, groupRule: GroupRule? = nil,
                benefitBase: BenefitBase = .selfPaid) {
        self.code = code
        self.name = name
        self.kind = kind
        self.pricePerShare = pricePerShare
        self.maxShares = maxShares
        self.minAge = minAge
        self.maxAge = maxAge
        self.gender = gender
        self.waitingPeriodDays = waitingPeriodDays
        self.deductible = deductible
        self.paymentRatio = paymentRatio
        self.perClaimCap = perClaimCap
        self.perTermCap = perTermCap
        self.benefits = benefits
        self.reportWindowDays = reportWindowDays
        self.lapseWindowDays = lapseWindowDays
        self.exclusiveGroup = exclusiveGroup
        self.groupMinimumPercent = groupRule?.minimumPercent
        self.groupSmallUnitThreshold = groupRule?.smallUnitThreshold
        self.benefitBase = benefitBase
    }

    /// The group-enrollment rule, if the plan has one.
    public var groupRule: GroupRule? {
        get {
            groupMinimumPercent.map { GroupRule(minimumPercent: $0, smallUnitThreshold: groupSmallUnitThreshold ?? 0) }
        }
        set {
            groupMinimumPercent = newValue?.minimumPercent
            groupSmallUnitThreshold = newValue?.smallUnitThreshold
        }
    }

    /// The age range as text: `16–60`, `16+`, `≤60` or `any`.
    public var ageRangeText: String {
        switch (minAge, maxAge) {
        case let (min?, max?): return "\(min)–\(max)"
        case let (min?, nil): return "\(min)+"
        case let (nil, max?): return "≤\(max)"
        case (nil, nil): return "any"
        }
    }
}

extension Plan: FetchableRecord, PersistableRecord {
    /// The table name.
    public static let databaseTableName = "plan"

    /// The columns of the `plan` table (`benefits` holds JSON).
    public enum Columns {
        public static let code = Column(CodingKeys.code)
        public static let name = Column(CodingKeys.name)
        public static let kind = Column(CodingKeys.kind)
        public static let pricePerShare = Column(CodingKeys.pricePerShare)
        public static let maxShares = Column(CodingKeys.maxShares)
        public static let minAge = Column(CodingKeys.minAge)
        public static let maxAge = Column(CodingKeys.maxAge)
        public static let gender = Column(CodingKeys.gender)
        public static let waitingPeriodDays = Column(CodingKeys.waitingPeriodDays)
        public static let deductible = Column(CodingKeys.deductible)
        public static let paymentRatio = Column(CodingKeys.paymentRatio)
        public static let perClaimCap = Column(CodingKeys.perClaimCap)
        public static let perTermCap = Column(CodingKeys.perTermCap)
        public static let benefits = Column(CodingKeys.benefits)
        public static let reportWindowDays = Column(CodingKeys.reportWindowDays)
        public static let lapseWindowDays = Column(CodingKeys.lapseWindowDays)
        public static let exclusiveGroup = Column(CodingKeys.exclusiveGroup)
        public static let groupMinimumPercent = Column(CodingKeys.groupMinimumPercent)
        public static let groupSmallUnitThreshold = Column(CodingKeys.groupSmallUnitThreshold)
        public static let benefitBase = Column(CodingKeys.benefitBase)
    }
}
