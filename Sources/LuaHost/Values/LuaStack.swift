import CLua

/// Raw access to a Lua stack from Swift, without metamethods.
///
/// Every function here uses only Lua API calls that cannot raise an error
/// once the stack has room (raw gets and sets, pushes, `lua_next`):
/// allocations never fail while Swift is on the stack (see `LuaLimits`), and
/// no metamethod runs. Room is checked with `lua_checkstack`, which reports
/// failure by return value.
struct LuaStack {
    let L: OpaquePointer

    /// A conversion that failed; the text is in Lua's words.
    struct ConversionError: Error, CustomStringConvertible {
        var description: String
    }

    func ensure(_ slots: Int32) throws {
        guard lua_checkstack(L, slots) != 0 else {
            throw ConversionError(description: "stack overflow (value too deeply nested)")
        }
    }

    // MARK: - Pushing

    func push(string: String) {
        var s = string
        s.withUTF8 { buffer in
            if buffer.isEmpty {
                _ = lua_pushlstring(L, "", 0)
            } else {
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    _ = lua_pushlstring(L, chars.baseAddress, chars.count)
                }
            }
        }
    }

    /// Pushes `value`; on failure the stack is left as it was.
    func push(_ value: LuaValue) throws {
        let top = lua_gettop(L)
        do {
            try pushUnchecked(value)
        } catch {
            lua_settop(L, top)
            throw error
        }
    }

    private func pushUnchecked(_ value: LuaValue) throws {
        try ensure(3)
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, i)
        case .number(let d): lua_pushnumber(L, d)
        case .string(let s): push(string: s)
        case .array(let items):
            lua_createtable(L, Int32(clamping: items.count), 0)
            for (i, item) in items.enumerated() {
                try pushUnchecked(item)
                lua_rawseti(L, -2, lua_Integer(i + 1))
            }
        case .table(let fields):
            lua_createtable(L, 0, Int32(clamping: fields.count))
            for (key, item) in fields {
                push(string: key)
                try pushUnchecked(item)
                lua_rawset(L, -3)
            }
        case .opaque(let type):
            throw ConversionError(description: "cannot pass a \(type) value from Swift to Lua")
        }
    }

    // MARK: - Reading

    /// The type name Lua's own messages use: `__name` of a userdata's metatable, else the basic type.
    func typeName(at index: Int32) -> String {
        let t = lua_type(L, index)
        if t == LUA_TUSERDATA, lua_checkstack(L, 2) != 0, lua_getmetatable(L, index) != 0 {
            defer { hzlua_pop(L, 2) }
            push(string: "__name")
            if lua_rawget(L, -2) == LUA_TSTRING, let name = string(at: -1) { return name }
            return "userdata"
        }
        if t == LUA_TLIGHTUSERDATA { return "light userdata" }
        return String(cString: lua_typename(L, t))
    }

    /// How deeply tables may nest in a value passed to the host (deeper ones
    /// are refused rather than converted recursively until the stack runs out).
    static let maxTableDepth = 64

    /// What a NUL inside a string argument is refused with.
    static let nulProblem = "text with a NUL byte (\\0)"

    /// The string at `index` if it is a string (numbers are not converted).
    func string(at index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let chars = lua_tolstring(L, index, &length) else { return nil }
        return chars.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// Converts the value at `index` to a `LuaValue`, tables included.
    ///
    /// - Parameter refusingNUL: Refuse a string holding a NUL byte (arguments
    ///   bound for the host's storage); a script's results keep them.
    func value(at index: Int32, refusingNUL: Bool = false) throws -> LuaValue {
        var visiting = Set<UnsafeRawPointer>()
        return try value(at: lua_absindex(L, index), visiting: &visiting, refusingNUL: refusingNUL)
    }

    private func value(at index: Int32, visiting: inout Set<UnsafeRawPointer>, refusingNUL: Bool) throws -> LuaValue {
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, index) != 0 { return .integer(lua_tointegerx(L, index, nil)) }
            return .number(lua_tonumberx(L, index, nil))
        case LUA_TSTRING:
            let text = string(at: index) ?? ""
            // A NUL would cut the text short where it is stored (SQLite's C strings): refused.
            if refusingNUL, text.utf8.contains(0) { throw ConversionError(description: Self.nulProblem) }
            return .string(text)
        case LUA_TTABLE: return try table(at: index, visiting: &visiting, refusingNUL: refusingNUL)
        default: return .opaque(typeName(at: index))
        }
    }

    private func table(at index: Int32, visiting: inout Set<UnsafeRawPointer>, refusingNUL: Bool) throws -> LuaValue {
        guard let identity = lua_topointer(L, index) else { return .table([:]) }
        guard visiting.insert(identity).inserted else {
            throw ConversionError(description: "cannot convert a table that contains itself")
        }
        // `visiting` holds the tables being converted, outermost first: its size is the depth.
        guard visiting.count <= Self.maxTableDepth else {
            visiting.remove(identity)
            throw ConversionError(description: "cannot convert a table nested more than \(Self.maxTableDepth) levels deep")
        }
        defer { visiting.remove(identity) }
        try ensure(4)
        var fields: [String: LuaValue] = [:]
        var items: [Int64: LuaValue] = [:]
        var maxIndex: Int64 = 0
        lua_pushnil(L)                                  // first key
        while lua_next(L, index) != 0 {                 // key, value
            let item = try { () throws -> LuaValue in
                do { return try value(at: lua_gettop(L), visiting: &visiting, refusingNUL: refusingNUL) }
                catch var error as ConversionError {
                    if error.description == Self.nulProblem {   // name the innermost field
                        let key = lua_type(L, -2) == LUA_TSTRING ? string(at: -2) ?? "" : String(lua_tointegerx(L, -2, nil))
                        error.description += " at field '\(key)'"
                    }
                    hzlua_pop(L, 2)
                    throw error
                }
                catch { hzlua_pop(L, 2); throw error }
            }()
            switch lua_type(L, -2) {
            case LUA_TSTRING:
                fields[string(at: -2) ?? ""] = item
            case LUA_TNUMBER where lua_isinteger(L, -2) != 0 && lua_tointegerx(L, -2, nil) >= 1:
                let k = lua_tointegerx(L, -2, nil)
                items[k] = item
                maxIndex = max(maxIndex, k)
            default:
                let keyType = typeName(at: -2)
                hzlua_pop(L, 2)
                throw ConversionError(description: "cannot convert a table with a \(keyType) key")
            }
            hzlua_pop(L, 1)                             // key
        }
        if items.isEmpty { return .table(fields) }
        guard fields.isEmpty else {
            throw ConversionError(description: "cannot convert a table with both array items and named fields")
        }
        guard maxIndex <= Int64(items.count) * 2 + 16 else {
            throw ConversionError(description: "cannot convert a sparse array (largest index \(maxIndex), \(items.count) items)")
        }
        return .array((1...maxIndex).map { items[$0] ?? .nil })
    }
}
