/// What a plan's term sells and pays (保障责任与条款): the price of a share,
/// who may join, the waiting period, how a claim is computed, the caps,
/// the claim windows, the group rule, and what happens on cancellation and
/// when a member leaves. Each ``PlanTerm`` carries its own, so next year's
/// price change leaves the policies already sold under this year's rules.
///
/// Money is in fen; the payment ratio in basis points (7000 = 70%).
/// Optional limits are `nil` when the term has none.
public struct PlanRules: Hashable, Sendable, Codable {
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
    /// Fixed sums the term pays; empty if it pays a ratio instead.
    public var benefits: [BenefitItem]
    /// Days after discharge within which a claim must be reported (e.g. 10).
    public var reportWindowDays: Int
    /// Days after the hospital settlement after which a claim lapses (e.g. 730).
    public var lapseWindowDays: Int
    /// The group-enrollment rule's minimum share in percent, if the term has one.
    public var groupMinimumPercent: Int?
    /// The group-enrollment rule's small-unit threshold, if the term has one.
    public var groupSmallUnitThreshold: Int?
    /// For a ratio plan, which expense the ratio applies to (self-paid by default).
    public var benefitBase: BenefitBase
    /// What a cancelled policy gets back (退保).
    public var refund: RefundRule
    /// What happens to a member's cover when they leave their unit (离职).
    public var leaving: LeavingRule

    /// Creates rules with typical defaults: one share, any age and gender,
    /// no waiting period, no deductible, 100% paid, no caps, no fixed sums,
    /// 10-day report and 730-day lapse windows, no group rule, a ratio
    /// applied to the self-paid amount, a full refund only before the
    /// cover starts, cover kept to the term's end on leaving.
    public init(pricePerShare: Money, maxShares: Int = 1, minAge: Int? = nil, maxAge: Int? = nil,
                gender: Gender? = nil, waitingPeriodDays: Int = 0, deductible: Money = .zero,
                paymentRatio: Int = 10_000, perClaimCap: Money? = nil, perTermCap: Money? = nil,
                benefits: [BenefitItem] = [], reportWindowDays: Int = 10, lapseWindowDays: Int = 730,
                groupRule: GroupRule? = nil, benefitBase: BenefitBase = .selfPaid,
                refund: RefundRule = .beforeStart, leaving: LeavingRule = .keepToTermEnd) {
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
        self.groupMinimumPercent = groupRule?.minimumPercent
        self.groupSmallUnitThreshold = groupRule?.smallUnitThreshold
        self.benefitBase = benefitBase
        self.refund = refund
        self.leaving = leaving
    }

    /// The group-enrollment rule, if the term has one.
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

    /// The fields whose values differ from `other`'s, by their names in
    /// plans.toml and Lua (`price`, `waiting_days` …), in a fixed order.
    public func differences(from other: PlanRules) -> [String] {
        PlanRulesFields.all.filter { $0.value(self) != $0.value(other) }.map(\.name)
    }

    private enum CodingKeys: String, CodingKey {
        case pricePerShare, maxShares, minAge, maxAge, gender, waitingPeriodDays, deductible, paymentRatio, perClaimCap
        case perTermCap, benefits, reportWindowDays, lapseWindowDays, groupMinimumPercent, groupSmallUnitThreshold
        case benefitBase, refund, leaving
    }

    /// Decodes rules; the refund and leaving rules default as in ``init(pricePerShare:maxShares:minAge:maxAge:gender:waitingPeriodDays:deductible:paymentRatio:perClaimCap:perTermCap:benefits:reportWindowDays:lapseWindowDays:groupRule:benefitBase:refund:leaving:)``
    /// when absent (terms copied from plans made before they existed).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        pricePerShare = try c.decode(Money.self, forKey: .pricePerShare)
        maxShares = try c.decode(Int.self, forKey: .maxShares)
        minAge = try c.decodeIfPresent(Int.self, forKey: .minAge)
        maxAge = try c.decodeIfPresent(Int.self, forKey: .maxAge)
        gender = try c.decodeIfPresent(Gender.self, forKey: .gender)
        waitingPeriodDays = try c.decode(Int.self, forKey: .waitingPeriodDays)
        deductible = try c.decode(Money.self, forKey: .deductible)
        paymentRatio = try c.decode(Int.self, forKey: .paymentRatio)
        perClaimCap = try c.decodeIfPresent(Money.self, forKey: .perClaimCap)
        perTermCap = try c.decodeIfPresent(Money.self, forKey: .perTermCap)
        benefits = try c.decodeIfPresent([BenefitItem].self, forKey: .benefits) ?? []
        reportWindowDays = try c.decode(Int.self, forKey: .reportWindowDays)
        lapseWindowDays = try c.decode(Int.self, forKey: .lapseWindowDays)
        groupMinimumPercent = try c.decodeIfPresent(Int.self, forKey: .groupMinimumPercent)
        groupSmallUnitThreshold = try c.decodeIfPresent(Int.self, forKey: .groupSmallUnitThreshold)
        benefitBase = try c.decodeIfPresent(BenefitBase.self, forKey: .benefitBase) ?? .selfPaid
        refund = try c.decodeIfPresent(RefundRule.self, forKey: .refund) ?? .beforeStart
        leaving = try c.decodeIfPresent(LeavingRule.self, forKey: .leaving) ?? .keepToTermEnd
    }
}

/// What a cancelled policy (退保) gets back.
public enum RefundRule: String, Hashable, Sendable, Codable, CaseIterable {
    /// The whole contribution if cancelled before the cover starts; nothing once it has.
    case beforeStart = "before_start"
    /// Nothing, ever.
    case none
    /// The unexpired days' share of the contribution (rounded down to the fen).
    case proRata = "pro_rata"

    /// What a policy cancelled on `date` gets back.
    ///
    /// ```swift
    /// RefundRule.proRata.amount(contribution: Money(fen: 3650), start: jan1, end: dec31, cancelledOn: jul1)
    /// // 184 of 365 days unexpired → 18.40
    /// ```
    public func amount(contribution: Money, start: CivilDate, end: CivilDate, cancelledOn date: CivilDate) -> Money {
        if date < start { return self == .none ? .zero : contribution }
        switch self {
        case .none, .beforeStart: return .zero
        case .proRata:
            let days = Int64(start.days(until: end) + 1)
            let unexpired = Int64(max(0, date.days(until: end)))      // the day of cancellation is covered
            return Money(fen: contribution.fen * unexpired / days)
        }
    }
}

/// What happens to a member's cover when they leave their unit (离职).
public enum LeavingRule: String, Hashable, Sendable, Codable, CaseIterable {
    /// The cover runs to the term's end.
    case keepToTermEnd = "keep"
    /// The cover ends on the day of leaving, and the rest is refunded pro rata.
    case endWithRefund = "end_with_refund"
}
