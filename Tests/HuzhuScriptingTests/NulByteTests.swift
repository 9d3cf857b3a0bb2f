import Testing
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

/// A NUL inside a Lua string reaching the core is refused, never cut short
/// (SQLite would store "燃气" for "燃气\0站").
@Suite("NUL bytes in strings from Lua")
struct NulByteTests {
    @Test("in a table field and in a plain argument: refused with the argument named; nothing is written")
    func refused() throws {
        let f = try ScriptFixture()
        let units = try f.count("unit")
        let field = try f.failure(#"huzhu.units.create{code = "BH009", name = "燃气\0站", kind = "grassroots", parent = "BH"}"#)
        #expect(field?.message == "test.lua:1: bad argument #1 to 'create' (text with a NUL byte (\\0) at field 'name')")
        let argument = try f.failure(#"return huzhu.units.get("BH\0001")"#)
        #expect(argument?.message == "test.lua:1: bad argument #1 to 'get' (text with a NUL byte (\\0))")
        #expect(try f.count("unit") == units)
    }
}
