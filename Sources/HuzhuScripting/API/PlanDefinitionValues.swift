import HuzhuCore
import LuaHost

/// Reads the table of `huzhu.plans.define` and `add_term` into the fields
/// plans.toml has, so that both go through the same decoder and service
/// (``PlanFieldDecoder``, ``PlanService/apply(_:_:context:)``). Lua speaks
/// the API's units: money in fen (integers), the ratio in basis points;
/// they become yuan and percent here, exactly.
enum PlanDefinitionValues {
    /// The money fields, in fen from Lua.
    static let moneyKeys: Set<String> = ["price", "deductible", "per_claim_cap", "per_term_cap"]

    static func fields(_ table: [String: LuaValue], function: String) throws -> [String: PlanFieldValue] {
        var fields: [String: PlanFieldValue] = [:]
        for (key, value) in table {
            fields[key] = try field(value, key: key, function: function)
        }
        return fields
    }

    static func field(_ value: LuaValue, key: String, function: String) throws -> PlanFieldValue {
        if moneyKeys.contains(key) || key == "amount" {
            if value == .boolean(false) { return .boolean(false) }
            guard let fen = value.integerValue, fen.magnitude <= 10_000_000_000 else {
                throw ScriptingError("\(function): \(key): an amount in fen (an integer up to 10000000000) expected, got \(shown(value))")
            }
            return .decimal(Money(fen: fen).description)
        }
        if key == "ratio" {
            guard let basisPoints = value.integerValue, (0...1_000_000).contains(basisPoints) else {
                throw ScriptingError("\(function): ratio: basis points (an integer, 7000 = 70%) expected, got \(shown(value))")
            }
            return .decimal(PlanRulesFields.percent(Int(basisPoints)))
        }
        switch value {
        case .integer(let n): return .integer(n)
        case .number(let d): return .decimal("\(d)")
        case .string(let s): return .text(s)
        case .boolean(let b): return .boolean(b)
        case .array(let items): return .list(try items.map { try field($0, key: "", function: function) })
        case .table(let t): return .table(try fields(t, function: function))
        case .nil, .opaque: return .text("")
        }
    }

    private static func shown(_ value: LuaValue) -> String {
        switch value {
        case .integer(let n): return String(n)
        case .number(let d): return String(d)
        case .string(let s): return "\"\(s)\""
        default: return value.typeName
        }
    }

    /// Throws the decoder's problems, one per line, as the script's error.
    static func check(_ decoder: PlanFieldDecoder, function: String) throws {
        if !decoder.problems.isEmpty {
            throw ScriptingError(decoder.problems.map { "\(function): \($0)" }.joined(separator: "\n"))
        }
    }
}
