import Testing
import HuzhuCore
import HuzhuTestSupport
import LuaHost

@Suite("Reading the programme from Lua")
struct ReadAPITests {
    @Test("member records carry the documented fields")
    func memberRecord() throws {
        let f = try ScriptFixture()
        let results = try f.run("return huzhu.members.get(...)".replacingOccurrences(of: "...", with: "'\(TinyCity.li)'"))
        let m = try #require(results.first)
        #expect(m["resident_id"] == .string(TinyCity.li))
        #expect(m["name"] == "李二")
        #expect(m["gender"] == "female")
        #expect(m["birth_date"] == "1985-05-05")
        #expect(m["unit"] == "BH001")
        #expect(m["hardship"] == true)
        #expect(m["status"] == "active")
        #expect(m["joined_on"] == "2020-01-01")
        #expect(try f.run("return huzhu.members.get('11010519491231002X')") == [.nil])
    }

    @Test("counts and filters: a unit filter means its whole subtree")
    func counts() throws {
        let f = try ScriptFixture()
        let results = try f.run("""
            return huzhu.members.count(), huzhu.members.count{unit = "BH"}, huzhu.members.count{unit = "BH001", hardship = true},
                   huzhu.members.count{status = "retired"}, huzhu.units.count{under = "BH"}, huzhu.units.count{kind = "district"}
            """)
        #expect(results == [5, 3, 1, 0, 2, 2])
    }

    @Test("each streams every record, in pages, whatever the count")
    func streaming() throws {
        let f = try ScriptFixture()
        // 600 more members: more than two pages of 256.
        try f.database.write { db in
            let services = Services()
            for i in 0..<600 {
                _ = try services.members.register(db, MemberDraft(
                    residentID: TinyCity.residentID(birth: "19880808", sequence: 100 + i), name: "成员\(i)", unitCode: "LY001",
                    joinedOn: CivilDate(year: 2021, month: 1, day: 1)), context: TinyCity.context())
            }
        }
        let results = try f.run("""
            local n, ly, seen = 0, 0, {}
            for m in huzhu.members.each() do
              n = n + 1
              assert(not seen[m.resident_id], "duplicate " .. m.resident_id)
              seen[m.resident_id] = true
            end
            for m in huzhu.members.each{unit = "LY"} do ly = ly + 1 end
            return n, ly
            """)
        #expect(results == [605, 602])
    }

    @Test("units iterate parents first; plans carry their terms")
    func unitsAndPlans() throws {
        let f = try ScriptFixture()
        let results = try f.run("""
            local codes = {}
            for u in huzhu.units.each() do codes[#codes + 1] = u.code end
            local acc = huzhu.plans.get("ACC")
            return table.concat(codes, " "), acc.price, acc.terms[1].label, acc.terms[1].start, acc.terms[1]["end"],
                   huzhu.plans.get("FEM").gender, huzhu.units.employees("FED", 2026)
            """)
        #expect(results == ["FED BH BH001 LY LY001", 2600, "2026", "2026-07-01", "2027-06-30", "female", 6])
    }

    @Test("bad options are refused in Lua's words")
    func badOptions() throws {
        let f = try ScriptFixture()
        #expect(try f.failure("huzhu.members.count{unti = 'BH'}")?.message
            == "test.lua:1: bad argument #1 to 'count' (unknown option 'unti'; expected unit, status, hardship)")
        #expect(try f.failure("huzhu.members.count{status = 'dead'}")?.message
            == "test.lua:1: bad argument #1 to 'count' (option 'status': 'dead' is not one of active, retired, left, deceased)")
        #expect(try f.failure("huzhu.members.count{hardship = 1}")?.message
            == "test.lua:1: bad argument #1 to 'count' (option 'hardship': boolean expected, got number)")
        #expect(try f.failure("huzhu.members.count{unit = 'NOPE'}")?.message.hasPrefix("test.lua:1: E208") == true)
    }

    @Test("money helpers are exact")
    func money() throws {
        let f = try ScriptFixture()
        let results = try f.run("""
            return huzhu.yuan(123456), huzhu.yuan(-1), huzhu.yuan(123456, true), huzhu.fen("12.3"), huzhu.fen("-0.01"),
                   huzhu.split(1000, {1, 1, 1}), huzhu.round(1234.5), huzhu.round(-1234.5), huzhu.share(3600, 20, 100)
            """)
        #expect(results == ["1234.56", "-0.01", "¥1,234.56", 1230, -1, [334, 333, 333], 1235, -1235, 720])
        let bad = try f.failure("return huzhu.fen('1.234')")
        #expect(bad?.message.hasPrefix("test.lua:1: bad argument #1 to 'fen' (") == true)
    }
}
