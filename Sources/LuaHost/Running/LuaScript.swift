import CLua
import CLuaBridge

/// A global environment of its own: what one run's scripts see as `_G`.
///
/// Chunks loaded into the same environment share their globals (a REPL
/// session, a rule and the modules it requires).
public final class LuaEnvironment {
    let host: LuaHost
    let ref: Int32

    init(host: LuaHost, ref: Int32) {
        self.host = host
        self.ref = ref
    }

    deinit { luaL_unref(host.L, hzlua_registryindex(), ref) }

    /// The global `name` converted to a `LuaValue` (nil when undefined).
    public func global(_ name: String) throws -> LuaValue {
        let L = host.L
        try LuaStack(L: L).ensure(3)
        lua_rawgeti(L, hzlua_registryindex(), lua_Integer(ref))
        LuaStack(L: L).push(string: name)
        lua_rawget(L, -2)
        defer { hzlua_pop(L, 2) }
        return try LuaStack(L: L).value(at: -1)
    }

    /// The Lua type of the global `name` ("nil" when undefined).
    public func typeOfGlobal(_ name: String) -> String {
        let L = host.L
        guard lua_checkstack(L, 3) != 0 else { return "nil" }
        lua_rawgeti(L, hzlua_registryindex(), lua_Integer(ref))
        LuaStack(L: L).push(string: name)
        lua_rawget(L, -2)
        defer { hzlua_pop(L, 2) }
        return LuaStack(L: L).typeName(at: -1)
    }

    /// Sets the global `name` (raw: no metamethod runs).
    public func setGlobal(_ name: String, _ value: LuaValue) throws {
        let L = host.L
        try LuaStack(L: L).ensure(4)
        lua_rawgeti(L, hzlua_registryindex(), lua_Integer(ref))
        LuaStack(L: L).push(string: name)
        try LuaStack(L: L).push(value)
        lua_rawset(L, -3)
        hzlua_pop(L, 1)
    }
}

/// A compiled chunk bound to its environment, ready to run.
///
/// ```swift
/// let rule = try host.load(source, name: "subsidy.lua")
/// _ = try rule.run()                                  // defines subsidy()
/// let split = try rule.call("subsidy", [policy])      // [.table([...])]
/// ```
public final class LuaScript {
    public let host: LuaHost
    public let name: String
    public let environment: LuaEnvironment
    let chunkRef: Int32

    init(host: LuaHost, name: String, chunkRef: Int32, environment: LuaEnvironment) {
        self.host = host
        self.name = name
        self.chunkRef = chunkRef
        self.environment = environment
    }

    deinit { luaL_unref(host.L, hzlua_registryindex(), chunkRef) }

    /// Runs the chunk; the arguments arrive as `...` and in the global `arg`.
    ///
    /// - Returns: the chunk's results.
    /// - Throws: `LuaError` (runtime, memory, or the limit that was hit).
    @discardableResult
    public func run(arguments: [LuaValue] = []) throws -> [LuaValue] {
        let L = host.L
        try environment.setGlobal("arg", .array(arguments))
        try LuaStack(L: L).ensure(Int32(clamping: arguments.count + 4))
        lua_rawgeti(L, hzlua_registryindex(), lua_Integer(chunkRef))
        for argument in arguments { try LuaStack(L: L).push(argument) }
        return try host.call(arguments: Int32(arguments.count), chunk: name)
    }

    /// True when the script defines a global function `name`.
    public func defines(function name: String) -> Bool {
        environment.typeOfGlobal(name) == "function"
    }

    /// Calls the script's global function `function` with `arguments`.
    ///
    /// - Throws: `LuaError`; if the function is not defined, a runtime error
    ///   `subsidy.lua: function 'subsidy' is not defined`.
    @discardableResult
    public func call(_ function: String, _ arguments: [LuaValue] = []) throws -> [LuaValue] {
        try invoke(function, arguments, recordingReturn: false)
    }

    /// Calls the script's global function `function` and also returns the
    /// line of the `return` it returned by (nil if unknown), so that a
    /// caller validating the results can name the line that produced them.
    public func callRecordingReturnLine(_ function: String, _ arguments: [LuaValue] = []) throws -> (results: [LuaValue], line: Int?) {
        let results = try invoke(function, arguments, recordingReturn: true)
        let line = Int(host.control.block.pointee.watched_return_line)
        return (results, line > 0 ? line : nil)
    }

    private func invoke(_ function: String, _ arguments: [LuaValue], recordingReturn: Bool) throws -> [LuaValue] {
        let L = host.L
        try LuaStack(L: L).ensure(Int32(clamping: arguments.count + 4))
        lua_rawgeti(L, hzlua_registryindex(), lua_Integer(environment.ref))   // env
        LuaStack(L: L).push(string: function)
        lua_rawget(L, -2)                                                      // env, f
        hzlua_remove(L, -2)                                                    // f
        guard lua_type(L, -1) == LUA_TFUNCTION else {
            hzlua_pop(L, 1)
            throw LuaError(kind: .runtime, message: "\(name): function '\(function)' is not defined")
        }
        for argument in arguments { try LuaStack(L: L).push(argument) }
        return try host.call(arguments: Int32(arguments.count), chunk: name, recordingReturn: recordingReturn)
    }
}
