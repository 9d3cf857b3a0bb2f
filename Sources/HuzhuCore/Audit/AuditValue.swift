/// A value in an audit summary: text, integer, boolean or null.
public enum AuditValue: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral {
    case text(String)
    case integer(Int64)
    case boolean(Bool)
    case null

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(nilLiteral: ()) { self = .null }

    /// Text, or null for `nil`.
    public static func text(_ value: String?) -> AuditValue { value.map(AuditValue.text) ?? .null }

    /// The value in JSON.
    var json: String {
        switch self {
        case .text(let text): return JSONText.quote(text)
        case .integer(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .null: return "null"
        }
    }

    /// A JSON object of the fields, keys sorted: `{"a":1,"b":"x"}`.
    static func jsonObject(_ fields: [String: AuditValue]) -> String {
        "{" + fields.keys.sorted().map { JSONText.quote($0) + ":" + fields[$0]!.json }.joined(separator: ",") + "}"
    }
}
