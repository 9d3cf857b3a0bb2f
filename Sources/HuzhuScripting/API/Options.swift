import HuzhuCore
import LuaHost

/// The option table of an API call (`huzhu.members.each{unit = "BH"}`),
/// read strictly: an unknown key or a value of the wrong type is an error in
/// Lua's words, so a typo never silently widens a query.
struct Options {
    let fields: [String: LuaValue]
    let call: LuaCall
    let position: Int32

    init(_ call: LuaCall, _ position: Int32, allowed: [String]) throws {
        self.call = call
        self.position = position
        fields = try call.optionalTable(position)
        for key in fields.keys.sorted() where !allowed.contains(key) {
            throw LuaArgumentError(position: position, function: call.functionName,
                                   problem: "unknown option '\(key)'; expected \(allowed.joined(separator: ", "))")
        }
    }

    func fail(_ key: String, _ expected: String) -> LuaArgumentError {
        LuaArgumentError(position: position, function: call.functionName,
                         problem: "option '\(key)': \(expected) expected, got \(fields[key]?.typeName ?? "nil")")
    }

    func string(_ key: String) throws -> String? {
        guard let value = fields[key], value != .nil else { return nil }
        guard case .string(let s) = value else { throw fail(key, "string") }
        return s
    }

    func requiredString(_ key: String) throws -> String {
        guard let s = try string(key) else { throw fail(key, "string") }
        return s
    }

    func integer(_ key: String) throws -> Int64? {
        guard let value = fields[key], value != .nil else { return nil }
        guard let i = value.integerValue else {
            if case .number = value { throw fail(key, "integer") }
            throw fail(key, "integer")
        }
        return i
    }

    /// An integer within `range` (a count of days, a year …), so no date or
    /// count arithmetic on it can overflow.
    func integer(_ key: String, in range: ClosedRange<Int64>) throws -> Int64? {
        guard let i = try integer(key) else { return nil }
        guard range.contains(i) else {
            throw LuaArgumentError(position: position, function: call.functionName,
                                   problem: "option '\(key)': an integer from \(range.lowerBound) to \(range.upperBound) expected, got \(i)")
        }
        return i
    }

    /// The largest amount a script may give, in fen either way: 100,000,000.00 yuan (docs/lua-api.md).
    static let moneyBound: Int64 = Money.inputBound.fen

    /// An amount in fen, within ±``moneyBound``, so no arithmetic on it can overflow.
    func money(_ key: String) throws -> Money? {
        guard let fen = try integer(key) else { return nil }
        guard fen.magnitude <= Self.moneyBound.magnitude else {
            throw fail(key, "an amount in fen from -\(Self.moneyBound) to \(Self.moneyBound)")
        }
        return Money(fen: fen)
    }

    /// Argument `n` of a call as an amount in fen within ±``moneyBound``.
    static func money(_ call: LuaCall, _ n: Int32) throws -> Money {
        let fen = try call.integer(n)
        guard fen.magnitude <= moneyBound.magnitude else {
            throw LuaArgumentError(position: n, function: call.functionName,
                                   problem: "an amount in fen from -\(moneyBound) to \(moneyBound) expected, got \(fen)")
        }
        return Money(fen: fen)
    }

    func boolean(_ key: String) throws -> Bool? {
        guard let value = fields[key], value != .nil else { return nil }
        guard case .boolean(let b) = value else { throw fail(key, "boolean") }
        return b
    }

    func choice<T: RawRepresentable>(_ key: String, _ type: T.Type, names: [String]) throws -> T? where T.RawValue == String {
        guard let s = try string(key) else { return nil }
        guard let value = T(rawValue: s) else {
            throw LuaArgumentError(position: position, function: call.functionName,
                                   problem: "option '\(key)': '\(s)' is not one of \(names.joined(separator: ", "))")
        }
        return value
    }
}
