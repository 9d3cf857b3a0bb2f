import Foundation
import GRDB
import Testing
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

/// `huzhu.offices` and the set-up functions of `huzhu.units` (issue 14):
/// the services' checks, codes and audit rows, the script named in them,
/// scope, and --dry-run.
@Suite("huzhu.offices and huzhu.units set-up")
struct SetUpAPITests {
    func audit(_ f: ScriptFixture, _ operation: String) throws -> [String] {
        try f.database.read { db in
            try Row.fetchAll(db, sql: "SELECT action, rowKey, summary, scriptName FROM audit WHERE operation = ? ORDER BY id",
                             arguments: [operation])
                .map { "\($0[0] as String) \($0[1] as String) \($0[2] as String) \(($0[3] as String?) ?? "-")" }
        }
    }

    @Test("offices: create with a parent, get and each; audited with the script's name")
    func offices() throws {
        let f = try ScriptFixture()
        let results = try f.run("""
            local o = huzhu.offices.create{code = "AG", name = "包河代办处", kind = "代办处", parent = "OFF"}
            local codes = {}
            for x in huzhu.offices.each() do codes[#codes + 1] = x.code .. ":" .. x.kind .. ":" .. (x.parent or "-") end
            return o.kind, o.parent, huzhu.offices.get("AG").name, huzhu.offices.get("NOPE") == nil, table.concat(codes, ",")
            """, name: "setup.lua")
        #expect(results == ["agency", "OFF", "包河代办处", true, "AG:agency:OFF,OFF:office:-"])
        #expect(try audit(f, "createOffice").last == #"insert AG {"kind":"agency","name":"包河代办处","parent":"OFF"} setup.lua"#)
    }

    @Test("offices: each refusal code, and E251 in a scoped run", arguments: [
        ("huzhu.offices.create{code = 'OFF', name = 'x', kind = 'office'}", "test.lua:1: E210 code OFF: office OFF already exists"),
        ("huzhu.offices.create{code = 'A B', name = 'x', kind = 'office'}",
         "test.lua:1: E201 code A B: invalid code \"A B\" (1–32 letters, digits, '-' or '_')"),
        ("huzhu.offices.create{code = 'AG', name = '', kind = 'office'}", "test.lua:1: E203 name : name must be 1–100 characters (got 0)"),
        ("huzhu.offices.create{code = 'AG', name = 'x', kind = 'branch'}",
         "test.lua:1: E215 kind branch: unknown office kind \"branch\" (expected office, agency, or 办事处, 代办处)"),
        ("huzhu.offices.create{code = 'AG', name = 'x', kind = 'agency', parent = 'NOPE'}", "test.lua:1: E209 parent NOPE: unknown office NOPE"),
        ("huzhu.offices.create{code = 'AG', name = 'x', kind = 'agency', parent = 'AG'}",
         "test.lua:1: E216 parent AG: office AG cannot be the parent of AG (a cycle)"),
    ])
    func officeRefusals(source: String, message: String) throws {
        let f = try ScriptFixture()
        #expect(try f.failure(source)?.message == message)
        #expect(try f.count("office") == 1)
    }

    @Test("offices: a scoped run may not create one")
    func officeScoped() throws {
        let f = try ScriptFixture()
        let error = try f.failure("huzhu.offices.create{code = 'AG', name = 'x', kind = 'agency'}", scope: .unit("BH"))
        #expect(error?.message == "test.lua:1: E251 code AG: createOffice is a federation operation, refused in a run scoped to BH")
        #expect(try f.count("office") == 1)
    }

    @Test("units: create, update, move, close and set_headcount, each audited")
    func units() throws {
        let f = try ScriptFixture()
        let results = try f.run("""
            huzhu.offices.create{code = "AG", name = "包河代办处", kind = "agency"}
            local u = huzhu.units.create{code = "BH009", name = "某厂工会", kind = "grassroots", parent = "BH", office = "OFF"}
            local v = huzhu.units.update("BH009", {name = "某集团工会", office = "AG"})
            local w = huzhu.units.update("BH009", {office = false})
            local m = huzhu.units.move("BH009", "LY")
            local c = huzhu.units.close("BH009", "2026-09-29")
            huzhu.units.set_headcount("BH001", 2026, 5)
            huzhu.units.set_headcount("BH009", 2027, 240)
            return u.path, v.name, v.office, w.office == nil, m.path, c.closed_on, huzhu.units.get("BH009").closed_on,
                   huzhu.units.headcount("BH001", 2026), huzhu.units.headcount("BH009", 2027), huzhu.units.headcount("BH009", 2026) == nil
            """, name: "setup.lua")
        #expect(results == ["/FED/BH/BH009/", "某集团工会", "AG", true, "/FED/LY/BH009/", "2026-09-29", "2026-09-29", 5, 240, true])
        #expect(try audit(f, "createUnit").last == #"insert BH009 {"kind":"grassroots","name":"某厂工会","office":"OFF","parent":"BH"} setup.lua"#)
        #expect(try audit(f, "updateUnit") == [
            #"update BH009 {"name":"某集团工会","office":"AG","oldName":"某厂工会","oldOffice":"OFF"} setup.lua"#,
            #"update BH009 {"office":null,"oldOffice":"AG"} setup.lua"#,
        ])
        #expect(try audit(f, "moveUnit") == [#"update BH009 {"from":"BH","parent":"LY"} setup.lua"#])
        #expect(try audit(f, "closeUnit") == [#"update BH009 {"closedOn":"2026-09-29"} setup.lua"#])
        #expect(try audit(f, "setHeadcount").suffix(2) == [
            #"update BH001/2026 {"employees":5,"old":4} setup.lua"#,
            #"insert BH009/2027 {"employees":240} setup.lua"#,
        ])
    }

    @Test("units: refusal codes from the services", arguments: [
        ("huzhu.units.create{code = 'BH', name = 'x', kind = 'district', parent = 'FED'}", "test.lua:1: E202 unit BH: unit BH already exists"),
        ("huzhu.units.create{code = 'X1', name = 'x', kind = 'grassroots', parent = 'NOPE', office = 'NOOFF'}",
         "test.lua:1: E204 unit X1: parent unit NOPE does not exist; E209 unit X1: unknown office NOOFF"),
        ("huzhu.units.update('NOPE', {name = 'x'})", "test.lua:1: E208 code NOPE: unknown unit NOPE"),
        ("huzhu.units.update('BH', {office = 'NOOFF'})", "test.lua:1: E209 unit BH: unknown office NOOFF"),
        ("huzhu.units.move('BH', 'BH001')", "test.lua:1: E205 unit BH: BH001 is inside the subtree of BH (a cycle)"),
        ("huzhu.units.close('BH001', '2026-09-01') huzhu.units.close('BH001', '2026-09-02')",
         "test.lua:1: E218 unit BH001: unit BH001 is already closed (on 2026-09-01)"),
        ("huzhu.units.set_headcount('BH001', 2026, -1)", "test.lua:1: E211 unit BH001: employee count must be 0 or more (got -1)"),
        ("huzhu.units.set_headcount('BH001', 1800, 3)", "test.lua:1: E212 unit BH001: year 1800 is out of range (1900–9999)"),
    ])
    func unitRefusals(source: String, message: String) throws {
        let f = try ScriptFixture()
        let before = try f.count("audit")
        let error = try f.failure(source)
        #expect(error?.message.replacingOccurrences(of: "\n", with: "; ") == message)
        #expect(try f.count("audit") == before)
    }

    @Test("units: a scoped run changes only its own subtree")
    func unitsScoped() throws {
        let f = try ScriptFixture()
        for source in ["huzhu.units.create{code = 'LY009', name = 'x', kind = 'grassroots', parent = 'LY'}",
                       "huzhu.units.update('LY001', {name = 'x'})", "huzhu.units.move('BH001', 'LY')",
                       "huzhu.units.close('LY001', '2026-09-30')", "huzhu.units.set_headcount('LY001', 2026, 3)"] {
            let error = try f.failure(source, scope: .unit("BH"))
            #expect(error?.message.contains("E250") == true, "\(source): \(error?.message ?? "no error")")
            #expect(error?.message.contains("is outside the scope BH") == true)
        }
        try f.run("""
            huzhu.units.create{code = 'BH009', name = 'x', kind = 'grassroots', parent = 'BH'}
            huzhu.units.update('BH001', {name = '包河燃气总站'})
            huzhu.units.set_headcount('BH001', 2027, 6)
            """, scope: .unit("BH"))
        #expect(try f.database.read { db in try String.fetchOne(db, sql: "SELECT name FROM unit WHERE code = 'BH001'") } == "包河燃气总站")
    }

    @Test("--dry-run leaves nothing; an error midway leaves nothing")
    func dryRun() throws {
        let f = try ScriptFixture()
        let audit = try f.count("audit")
        try f.run("""
            huzhu.offices.create{code = 'AG', name = 'x', kind = 'agency'}
            huzhu.units.create{code = 'BH009', name = 'x', kind = 'grassroots', parent = 'BH'}
            huzhu.units.close('BH001', '2026-09-01')
            huzhu.units.set_headcount('BH001', 2026, 9)
            """, dryRun: true)
        _ = try f.failure("""
            huzhu.units.create{code = 'BH009', name = 'x', kind = 'grassroots', parent = 'BH'}
            huzhu.units.move('BH', 'BH001')
            """)
        #expect(try f.count("audit") == audit)
        #expect(try f.count("office") == 1)
        #expect(try f.count("unit") == 5)
        #expect(try f.database.read { db in try Int.fetchOne(db, sql: "SELECT employees FROM unitHeadcount WHERE unitCode = 'BH001' AND year = 2026") } == 4)
        #expect(try f.database.read { db in try String.fetchOne(db, sql: "SELECT closedOn FROM unit WHERE code = 'BH001'") } == nil)
    }

    @Test("after a unit's closing day huzhu.enroll and huzhu.enroll_unit are refused with E217")
    func enrolmentRefused() throws {
        let f = try ScriptFixture()
        try f.run("huzhu.units.close('BH001', '2026-09-29')")
        let single = try f.failure("huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}")
        #expect(single?.message == "test.lua:1: E217 member 340104********0119: unit BH001 closed on 2026-09-29: no new enrolments after it")
        let group = try f.failure("huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}")
        #expect(group?.message == "test.lua:1: E217 unit BH001: unit BH001 closed on 2026-09-29: no new enrolments after it")
        #expect(try f.count("policy") == 0)
        try f.run("huzhu.enroll_unit{unit = 'LY001', plan = 'ACC'}")   // another unit is open
        #expect(try f.count("policy") == 2)
    }
}
