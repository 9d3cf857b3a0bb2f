import Foundation

/// A Lua value carried into or out of Swift.
///
/// Integers stay integers and floats stay floats (Lua 5.4 keeps the two
/// subtypes apart). Tables come across as arrays (keys 1…n) or as tables
/// with string keys, nested to any depth. Values that have no Swift
/// counterpart (functions, threads, userdata) arrive as `.opaque` with
/// their Lua type name and cannot be sent back.
///
/// ```swift
/// let v: LuaValue = ["name": "张三", "shares": 2, "tags": ["a", "b"]]
/// ```
public enum LuaValue: Equatable, Sendable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([LuaValue])
    case table([String: LuaValue])
    case opaque(String)

    /// The Lua type name of the value, as `type()` reports it.
    public var typeName: String {
        switch self {
        case .nil: return "nil"
        case .boolean: return "boolean"
        case .integer, .number: return "number"
        case .string: return "string"
        case .array, .table: return "table"
        case .opaque(let type): return type
        }
    }

    /// The value as an integer, if it is one (or a float with an exact integer value).
    public var integerValue: Int64? {
        switch self {
        case .integer(let i): return i
        case .number(let d):
            guard d.rounded() == d, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 else { return nil }
            return Int64(d)
        default: return nil
        }
    }

    /// The value as a string, if it is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value as a Bool, by Lua's truthiness (only nil and false are false).
    public var isTruthy: Bool {
        switch self {
        case .nil, .boolean(false): return false
        default: return true
        }
    }

    /// The field `key` of a string-keyed table (nil otherwise).
    public subscript(key: String) -> LuaValue {
        if case .table(let t) = self { return t[key] ?? .nil }
        return .nil
    }
}

extension LuaValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .nil }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: LuaValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, LuaValue)...) {
        self = .table(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension LuaValue: CustomStringConvertible {
    /// A Lua-like rendering (`{1, 2}`, `{a = 1}`), keys sorted, for messages and tests.
    public var description: String {
        switch self {
        case .nil: return "nil"
        case .boolean(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .number(let d): return LuaValue.format(number: d)
        case .string(let s): return s.debugDescription
        case .array(let a): return "{" + a.map(\.description).joined(separator: ", ") + "}"
        case .table(let t):
            return "{" + t.keys.sorted().map { "\($0) = \(t[$0]!.description)" }.joined(separator: ", ") + "}"
        case .opaque(let type): return "<\(type)>"
        }
    }

    /// Formats a float as Lua's `tostring` does (`%.14g`, with `.0` for integral values).
    public static func format(number d: Double) -> String {
        if d.isNaN { return d.sign == .minus ? "-nan" : "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        var s = String(format: "%.14g", d)
        if !s.contains(where: { $0 == "." || $0 == "e" || $0 == "n" || $0 == "i" }) { s += ".0" }
        return s
    }
}
