import CLua
import CLuaBridge

extension LuaCall {
    /// The field `key` of table argument `n` as a host object of `type`, or
    /// nil when the field is nil. Reads the field raw (no metamethod runs).
    ///
    /// Converting a table argument to a `LuaValue` turns host objects into
    /// `.opaque`; this reads one back as the object it is:
    ///
    /// ```swift
    /// let table = try call.object(2, field: "table", tableType)   // r:chart{table = t}
    /// ```
    ///
    /// - Throws: `bad argument #n to 'f' (table expected, got …)`; `… (field 'key': T expected, got …)`;
    ///   `… (field 'key': T is closed)`.
    public func object<T: AnyObject>(_ n: Int32, field key: String, _ type: LuaObjectType<T>) throws -> T? {
        guard lua_type(L, n) == LUA_TTABLE else { throw typeError(n, expected: "table") }
        try stack.ensure(2)
        let table = lua_absindex(L, n)
        stack.push(string: key)
        let fieldType = lua_rawget(L, table)                      // field
        defer { hzlua_pop(L, 1) }
        if fieldType == LUA_TNIL { return nil }
        guard let pointer = hz_to_host_object(L, -1, type.metatableKey) else {
            throw argumentError(n, "field '\(key)': \(type.name) expected, got \(stack.typeName(at: -1))")
        }
        let box = Unmanaged<LuaObjectBox>.fromOpaque(pointer).takeUnretainedValue()
        guard let object = box.object as? T else { throw argumentError(n, "field '\(key)': \(type.name) is closed") }
        return object
    }
}
