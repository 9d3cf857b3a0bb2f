import CLua
import CLuaBridge

/// One call of a Swift host function from Lua: its arguments and its results.
///
/// Read arguments with the typed accessors, which throw
/// `bad argument #n to 'name' (… expected, got …)` as Lua's own checks do;
/// push results with `push` and return their count.
///
/// ```swift
/// module.function("double") { call in
///     call.push(try call.integer(1) * 2)
///     return 1
/// }
/// ```
///
/// A `LuaCall` is valid only during the call; never keep it.
public struct LuaCall {
    let L: OpaquePointer
    /// Kept alive by the Lua closure being called; not retained here, which
    /// keeps a host call as cheap as a C call.
    unowned(unsafe) let function: HostFunction

    var stack: LuaStack { LuaStack(L: L) }

    /// The name the function was registered under.
    public var functionName: String { function.name }

    /// How many arguments the script passed.
    public var argumentCount: Int32 { lua_gettop(L) }

    func argumentError(_ n: Int32, _ problem: String) -> LuaArgumentError {
        LuaArgumentError(position: n, function: function.name, problem: problem)
    }

    func typeError(_ n: Int32, expected: String) -> LuaArgumentError {
        let got = lua_type(L, n) == LUA_TNONE ? "no value" : stack.typeName(at: n)
        return argumentError(n, "\(expected) expected, got \(got)")
    }

    // MARK: - Arguments

    /// True when argument `n` is absent or nil.
    public func isNil(_ n: Int32) -> Bool { lua_type(L, n) <= LUA_TNIL }

    /// Argument `n` as an integer (a float with an exact integer value, or a numeric string, also does).
    public func integer(_ n: Int32) throws -> Int64 {
        var ok: Int32 = 0
        let value = lua_tointegerx(L, n, &ok)
        if ok != 0 { return value }
        if lua_isnumber(L, n) != 0 {
            throw argumentError(n, "number has no integer representation")
        }
        throw typeError(n, expected: "number")
    }

    /// Argument `n` as an integer, or nil when absent or nil.
    public func optionalInteger(_ n: Int32) throws -> Int64? { isNil(n) ? nil : try integer(n) }

    /// Argument `n` as a number.
    public func number(_ n: Int32) throws -> Double {
        var ok: Int32 = 0
        let value = lua_tonumberx(L, n, &ok)
        if ok != 0 { return value }
        throw typeError(n, expected: "number")
    }

    /// Argument `n` as a string (numbers are accepted and formatted, as in Lua).
    public func string(_ n: Int32) throws -> String {
        switch lua_type(L, n) {
        case LUA_TSTRING:
            let text = stack.string(at: n) ?? ""
            if text.utf8.contains(0) { throw argumentError(n, LuaStack.nulProblem) }
            return text
        case LUA_TNUMBER:
            if lua_isinteger(L, n) != 0 { return String(lua_tointegerx(L, n, nil)) }
            return LuaValue.format(number: lua_tonumberx(L, n, nil))
        default: throw typeError(n, expected: "string")
        }
    }

    /// Argument `n` as a string, or nil when absent or nil.
    public func optionalString(_ n: Int32) throws -> String? { isNil(n) ? nil : try string(n) }

    /// Argument `n` by Lua's truthiness (absent, nil and false are false).
    public func boolean(_ n: Int32) -> Bool { lua_toboolean(L, n) != 0 }

    /// Argument `n` converted to a `LuaValue`.
    public func value(_ n: Int32) throws -> LuaValue {
        do { return try stack.value(at: n, refusingNUL: true) } catch let error as LuaStack.ConversionError {
            throw argumentError(n, error.description)
        }
    }

    /// Argument `n`, which must be a table, as its string-keyed fields.
    public func table(_ n: Int32) throws -> [String: LuaValue] {
        guard lua_type(L, n) == LUA_TTABLE else { throw typeError(n, expected: "table") }
        switch try value(n) {
        case .table(let fields): return fields
        default: throw argumentError(n, "table with named fields expected, got an array")
        }
    }

    /// Argument `n` as a table, or an empty one when absent or nil.
    public func optionalTable(_ n: Int32) throws -> [String: LuaValue] { isNil(n) ? [:] : try table(n) }

    /// Argument `n` as a host object of `type`.
    public func object<T: AnyObject>(_ n: Int32, _ type: LuaObjectType<T>) throws -> T {
        guard let pointer = hz_to_host_object(L, n, type.metatableKey) else {
            throw typeError(n, expected: type.name)
        }
        let box = Unmanaged<LuaObjectBox>.fromOpaque(pointer).takeUnretainedValue()
        guard let object = box.object as? T else {
            throw LuaArgumentError(position: n, function: function.name, problem: "\(type.name) is closed")
        }
        return object
    }

    // MARK: - Results

    /// Pushes one result. Returns 1, so `return call.push(x)` reads well.
    @discardableResult
    public func push(_ value: Int64) -> Int32 { lua_pushinteger(L, value); return 1 }

    @discardableResult
    public func push(_ value: Double) -> Int32 { lua_pushnumber(L, value); return 1 }

    @discardableResult
    public func push(_ value: Bool) -> Int32 { lua_pushboolean(L, value ? 1 : 0); return 1 }

    @discardableResult
    public func push(_ value: String) -> Int32 { stack.push(string: value); return 1 }

    @discardableResult
    public func pushNil() -> Int32 { lua_pushnil(L); return 1 }

    /// Pushes any `LuaValue` (tables included).
    @discardableResult
    public func push(_ value: LuaValue) throws -> Int32 {
        try stack.ensure(1)
        try stack.push(value)
        return 1
    }

    /// Pushes a host object; Lua holds it until the userdata is collected.
    @discardableResult
    public func push<T: AnyObject>(_ object: T, as type: LuaObjectType<T>) throws -> Int32 {
        try stack.ensure(2)
        let box = LuaObjectBox(object)
        if !type.outlivesRuns { type.host?.track(box) }
        hz_push_host_object(L, Unmanaged.passRetained(box).toOpaque(), type.metatableKey)
        return 1
    }

    /// Pushes a Swift closure as a Lua function (an iterator, say).
    @discardableResult
    public func push(function name: String, _ body: @escaping LuaFunctionBody) throws -> Int32 {
        try stack.ensure(3)
        HostFunction(name: name, body: body).push(on: L)
        return 1
    }

    func pushErrorMessage(for error: Error) {
        let text: String
        switch error {
        case let e as LuaScriptError: text = e.luaMessage
        default: text = String(describing: error)
        }
        _ = lua_checkstack(L, 1)
        stack.push(string: text)
    }
}
