import GRDB

/// The place of a union in the federation's tree.
public enum UnitKind: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// The city federation of trade unions (市总工会): the root, and the only unit without a parent.
    case federation
    /// A district union (区总工会).
    case district
    /// A county union (县总工会).
    case county
    /// An industrial union (产业工会: 工交, 文教, 财贸 …).
    case industry
    /// A big-enterprise union (企业工会).
    case enterprise
    /// A grassroots union (基层工会), down to workshops.
    case grassroots

    /// The Chinese name.
    public var chinese: String {
        switch self {
        case .federation: return "市总工会"
        case .district: return "区总工会"
        case .county: return "县总工会"
        case .industry: return "产业工会"
        case .enterprise: return "企业工会"
        case .grassroots: return "基层工会"
        }
    }
}
