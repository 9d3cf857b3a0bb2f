import Foundation
import GRDB

/// A protection plan (保障计划): its code, name, kind and exclusive group,
/// with the rules of one of its terms (``PlanRules``: price, eligibility,
/// benefits, caps …). The `plan` table stores only the identity; each
/// ``PlanTerm`` stores its own rules. A plan read for a term
/// (``PlanService/plan(_:termID:)``) carries that term's rules — what a
/// policy of that term is priced and paid by; read by code
/// (``PlanService/plan(_:code:)``), those of its latest term.
///
/// The rule fields below read and write ``rules``, so a plan value can be
/// built in one go and its rules given to ``PlanService/addTerm(_:planCode:label:start:years:rules:context:)``.
///
/// ```swift
/// var plan = Plan(code: "FEM", name: "女职工特殊疾病", kind: .femaleDisease,
///                 pricePerShare: Money(fen: 2500))
/// plan.gender = .female
/// plan.benefits = [BenefitItem(code: "cancer", name: "恶性肿瘤", amount: Money(fen: 600_000))]
/// try plans.create(db, plan, context: context)
/// try plans.addTerm(db, planCode: "FEM", label: "2026", start: july1, years: 1, rules: plan.rules, context: context)
/// ```
public struct Plan: Hashable, Sendable, Codable {
    /// Unique code, 1–32 ASCII letters, digits, `-` or `_`.
    public var code: String
    /// Display name, 1–100 characters.
    public var name: String
    /// What the plan covers.
    public var kind: PlanKind
    /// Plans sharing a group exclude each other ("choose one of A and B"); `nil` for none.
    public var exclusiveGroup: String?
    /// The rules of the term the plan was read for (or of its latest term).
    public var rules: PlanRules

    /// Creates a plan with the given identity and rules.
    public init(code: String, name: String, kind: PlanKind, exclusiveGroup: String? = nil, rules: PlanRules) {
        self.code = code
        self.name = name
        self.kind = kind
        self.exclusiveGroup = exclusiveGroup
        self.rules = rules
    }

    /// Creates a plan with typical defaults for its rules (see ``PlanRules``).
    public init(code: String, name: String, kind: PlanKind, pricePerShare: Money, maxShares: Int = 1,
                minAge: Int? = nil, maxAge: Int? = nil, gender: Gender? = nil, waitingPeriodDays: Int = 0,
                deductible: Money = .zero, paymentRatio: Int = 10_000, perClaimCap: Money? = nil,
                perTermCap: Money? = nil, benefits: [BenefitItem] = [], reportWindowDays: Int = 10,
                lapseWindowDays: Int = 730, exclusiveGroup: String? = nil, groupRule: GroupRule? = nil,
                benefitBase: BenefitBase = .selfPaid) {
        self.init(code: code, name: name, kind: kind, exclusiveGroup: exclusiveGroup, rules: PlanRules(
            pricePerShare: pricePerShare, maxShares: maxShares, minAge: minAge, maxAge: maxAge, gender: gender,
            waitingPeriodDays: waitingPeriodDays, deductible: deductible, paymentRatio: paymentRatio,
            perClaimCap: perClaimCap, perTermCap: perTermCap, benefits: benefits, reportWindowDays: reportWindowDays,
            lapseWindowDays: lapseWindowDays, groupRule: groupRule, benefitBase: benefitBase))
    }

    // MARK: - The rules of the term, field by field

    public var pricePerShare: Money { get { rules.pricePerShare } set { rules.pricePerShare = newValue } }
    public var maxShares: Int { get { rules.maxShares } set { rules.maxShares = newValue } }
    public var minAge: Int? { get { rules.minAge } set { rules.minAge = newValue } }
    public var maxAge: Int? { get { rules.maxAge } set { rules.maxAge = newValue } }
    public var gender: Gender? { get { rules.gender } set { rules.gender = newValue } }
    public var waitingPeriodDays: Int { get { rules.waitingPeriodDays } set { rules.waitingPeriodDays = newValue } }
    public var deductible: Money { get { rules.deductible } set { rules.deductible = newValue } }
    public var paymentRatio: Int { get { rules.paymentRatio } set { rules.paymentRatio = newValue } }
    public var perClaimCap: Money? { get { rules.perClaimCap } set { rules.perClaimCap = newValue } }
    public var perTermCap: Money? { get { rules.perTermCap } set { rules.perTermCap = newValue } }
    public var benefits: [BenefitItem] { get { rules.benefits } set { rules.benefits = newValue } }
    public var reportWindowDays: Int { get { rules.reportWindowDays } set { rules.reportWindowDays = newValue } }
    public var lapseWindowDays: Int { get { rules.lapseWindowDays } set { rules.lapseWindowDays = newValue } }
    public var groupMinimumPercent: Int? { get { rules.groupMinimumPercent } set { rules.groupMinimumPercent = newValue } }
    public var groupSmallUnitThreshold: Int? {
        get { rules.groupSmallUnitThreshold } set { rules.groupSmallUnitThreshold = newValue }
    }
    public var benefitBase: BenefitBase { get { rules.benefitBase } set { rules.benefitBase = newValue } }
    public var groupRule: GroupRule? { get { rules.groupRule } set { rules.groupRule = newValue } }
    public var ageRangeText: String { rules.ageRangeText }
}

extension Plan: FetchableRecord, PersistableRecord {
    /// The table name.
    public static let databaseTableName = "plan"

    /// The columns of the `plan` table.
    public enum Columns {
        public static let code = Column("code")
        public static let name = Column("name")
        public static let kind = Column("kind")
        public static let exclusiveGroup = Column("exclusiveGroup")
    }

    /// Reads a plan's identity, and its rules from a `rules` column (a term's, joined) when the row has one.
    public init(row: Row) throws {
        code = row["code"]
        name = row["name"]
        kind = row["kind"]
        exclusiveGroup = row["exclusiveGroup"]
        if let json: String = row["rules"] {
            rules = try JSONDecoder().decode(PlanRules.self, from: Data(json.utf8))
        } else {
            rules = PlanRules(pricePerShare: .zero)
        }
    }

    /// Writes the identity (the rules belong to the terms).
    public func encode(to container: inout PersistenceContainer) {
        container["code"] = code
        container["name"] = name
        container["kind"] = kind
        container["exclusiveGroup"] = exclusiveGroup
    }
}
