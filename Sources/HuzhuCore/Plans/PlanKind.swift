import GRDB

/// The kind of protection a plan gives.
public enum PlanKind: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// Inpatient medical (住院医疗): pays a share of inpatient costs.
    case inpatient
    /// Critical illness (重大疾病): fixed sums.
    case criticalIllness
    /// Accident (意外伤害): no waiting period.
    case accident
    /// Female special diseases (女职工特殊疾病): fixed sums.
    case femaleDisease
    /// Anything else.
    case other

    /// The Chinese name.
    public var chinese: String {
        switch self {
        case .inpatient: return "住院医疗"
        case .criticalIllness: return "重大疾病"
        case .accident: return "意外伤害"
        case .femaleDisease: return "女职工特殊疾病"
        case .other: return "其他"
        }
    }
}
