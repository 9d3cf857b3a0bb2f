import Testing
@testable import LuaHost

@Suite("Values between Swift and Lua")
struct LuaValueTests {
    @Test("every kind of value survives a round trip through Lua")
    func roundTrips() throws {
        let host = try CapturingHost()
        let values: [LuaValue] = [
            .nil, true, false, 0, -1, .integer(Int64.max), .integer(Int64.min),
            1.5, .number(-0.25), .number(1e300), "", "张三 包河区", .string("a\u{0}b"),
            [1, 2, 3], ["name": "李四", "shares": 2],
            ["list": [["x": 1], ["y": [true, "z"]]], "empty": [:]],
        ]
        for value in values {
            let back = try host.run("return ...", [value])
            #expect(back == [value], "round trip of \(value)")
        }
    }

    @Test("integers stay integers and floats stay floats")
    func integerSubtypes() throws {
        let host = try CapturingHost()
        let results = try host.run("return 3, 3.0, 2^53, 7 // 2, 7 / 2, math.type(...)", [.integer(5)])
        #expect(results == [.integer(3), .number(3.0), .number(9007199254740992), .integer(3), .number(3.5), "integer"])
    }

    @Test("strings keep embedded zeros and UTF-8")
    func stringsKeepBytes() throws {
        let host = try CapturingHost()
        let results = try host.run("local s = ... return #s, s:byte(2), s", [.string("a\u{0}b互助")])
        #expect(results == [.integer(9), .integer(0), .string("a\u{0}b互助")])   // 3 + 2×3 bytes
    }

    @Test("arrays with nil holes come back with nils; sparse and mixed tables are refused")
    func tableShapes() throws {
        let host = try CapturingHost()
        #expect(try host.run("return {1, nil, 3}") == [[1, .nil, 3]])
        let sparse = host.failure("return {[1] = 1, [1000] = 2}")
        #expect(sparse?.message == "test.lua: result #1: cannot convert a sparse array (largest index 1000, 2 items)")
        let mixed = host.failure("return {1, a = 2}")
        #expect(mixed?.message == "test.lua: result #1: cannot convert a table with both array items and named fields")
        let boolKey = host.failure("return {[true] = 1}")
        #expect(boolKey?.message == "test.lua: result #1: cannot convert a table with a boolean key")
    }

    @Test("a table that contains itself is refused, not followed forever")
    func cycles() throws {
        let host = try CapturingHost()
        let error = host.failure("local t = {} t.self = t return t")
        #expect(error?.message == "test.lua: result #1: cannot convert a table that contains itself")
        // The same table twice (not a cycle) is fine.
        #expect(try host.run("local t = {1} return {a = t, b = t}") == [["a": [1], "b": [1]]])
    }

    @Test("functions and coroutines arrive as opaque values and cannot go back")
    func opaqueValues() throws {
        let host = try CapturingHost()
        #expect(try host.run("return print, coroutine.create(print)") == [.opaque("function"), .opaque("thread")])
        #expect(throws: LuaStack.ConversionError.self) { try LuaStack(L: host.host.L).push(.opaque("function")) }
    }

    @Test("description renders Lua-like text")
    func description() {
        let value: LuaValue = ["b": [1, 2.5], "a": "x"]
        #expect(value.description == #"{a = "x", b = {1, 2.5}}"#)
        #expect(LuaValue.number(3).description == "3.0")
    }
}
