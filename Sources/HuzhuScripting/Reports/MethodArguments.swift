import LuaHost

/// The arguments of a method call `object:name(…)`, numbered as Lua numbers
/// a method's arguments (self not counted, as `luaL_argerror` does) and
/// named `report:table` in errors:
/// `bad argument #1 to 'report:table' (field 'columns': table expected, got nil)`.
struct MethodArguments {
    let call: LuaCall
    /// The name errors show, e.g. `report:table`.
    let name: String

    /// An error about argument `n`.
    func fail(_ n: Int32, _ problem: String) -> LuaArgumentError {
        LuaArgumentError(position: n, function: name, problem: problem)
    }

    /// Runs `body` (which reads argument `n + 1` of the call) and renumbers its argument error.
    private func renumbered<T>(_ n: Int32, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as LuaArgumentError { throw fail(n, error.problem) }
    }

    func string(_ n: Int32) throws -> String { try renumbered(n) { try call.string(n + 1) } }

    func optionalString(_ n: Int32) throws -> String? { try renumbered(n) { try call.optionalString(n + 1) } }

    /// Argument `n` as a table of named fields, only `allowed` keys.
    func fields(_ n: Int32, allowed: [String]) throws -> Fields {
        let table = try renumbered(n) { try call.table(n + 1) }
        for key in table.keys.sorted() where !allowed.contains(key) {
            throw fail(n, "unknown field '\(key)'; expected \(allowed.joined(separator: ", "))")
        }
        return Fields(values: table, arguments: self, position: n)
    }

    /// Argument `n`, which must be a table, as a `LuaValue`.
    func value(_ n: Int32) throws -> LuaValue { try renumbered(n) { try call.value(n + 1) } }

    /// The host object in field `key` of table argument `n`.
    func object<T: AnyObject>(_ n: Int32, field key: String, _ type: LuaObjectType<T>) throws -> T? {
        try renumbered(n) { try call.object(n + 1, field: key, type) }
    }
}

/// The named fields of a table argument, read strictly with errors that name the field.
struct Fields {
    let values: [String: LuaValue]
    let arguments: MethodArguments
    let position: Int32

    func fail(_ problem: String) -> LuaArgumentError { arguments.fail(position, problem) }

    subscript(key: String) -> LuaValue { values[key] ?? .nil }

    func string(_ key: String) throws -> String? {
        switch self[key] {
        case .nil: return nil
        case .string(let s): return s
        case let other: throw fail("field '\(key)': string expected, got \(other.typeName)")
        }
    }

    func requiredString(_ key: String) throws -> String {
        guard let s = try string(key) else { throw fail("field '\(key)': string expected, got nil") }
        return s
    }

    func boolean(_ key: String) throws -> Bool? {
        switch self[key] {
        case .nil: return nil
        case .boolean(let b): return b
        case let other: throw fail("field '\(key)': boolean expected, got \(other.typeName)")
        }
    }
}
