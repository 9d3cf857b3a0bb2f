/// The fields of ``PlanRules`` by the names plans.toml and Lua use, each
/// with its value as text (money in yuan, the ratio in percent): what a
/// refusal to change a term names, and what `huzhu plans show` prints.
public enum PlanRulesFields {
    /// One field: its name and its value as text (empty when unset).
    public struct Field: Sendable {
        public let name: String
        public let value: @Sendable (PlanRules) -> String
    }

    /// Every field, in the order of plans.toml.
    public static let all: [Field] = [
        Field(name: "price") { $0.pricePerShare.description },
        Field(name: "max_shares") { String($0.maxShares) },
        Field(name: "min_age") { $0.minAge.map(String.init) ?? "" },
        Field(name: "max_age") { $0.maxAge.map(String.init) ?? "" },
        Field(name: "gender") { $0.gender?.rawValue ?? "" },
        Field(name: "waiting_days") { String($0.waitingPeriodDays) },
        Field(name: "deductible") { $0.deductible.description },
        Field(name: "ratio") { percent($0.paymentRatio) },
        Field(name: "benefit_base") { $0.benefitBase == .selfPaid ? "self_paid" : "total" },
        Field(name: "per_claim_cap") { $0.perClaimCap?.description ?? "" },
        Field(name: "per_term_cap") { $0.perTermCap?.description ?? "" },
        Field(name: "benefits") { $0.benefits.map { "\($0.code)=\($0.amount)" }.joined(separator: ",") },
        Field(name: "report_days") { String($0.reportWindowDays) },
        Field(name: "lapse_days") { String($0.lapseWindowDays) },
        Field(name: "group_min_percent") { $0.groupMinimumPercent.map(String.init) ?? "" },
        Field(name: "group_everyone_below") { $0.groupSmallUnitThreshold.map(String.init) ?? "" },
        Field(name: "refund") { $0.refund.rawValue },
        Field(name: "leaving") { $0.leaving.rawValue },
    ]

    /// Basis points as a percentage: 7000 → "70", 1250 → "12.5", 1234 → "12.34".
    public static func percent(_ basisPoints: Int) -> String {
        let whole = basisPoints / 100, part = basisPoints % 100
        if part == 0 { return String(whole) }
        return part % 10 == 0 ? "\(whole).\(part / 10)" : "\(whole).\(part < 10 ? "0" : "")\(part)"
    }
}
