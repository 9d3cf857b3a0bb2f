import GRDB
import Testing
@testable import HuzhuCore

@Suite("Units")
struct UnitServiceTests {
    let units = UnitService()
    let context = Fixture.context()

    @Test("stores the materialized path from the root")
    func paths() throws {
        let database = try Fixture.city()
        let unit = try database.read { db in try units.unit(db, code: "BH001") }
        #expect(unit?.path == "/FED/BH/BH001/")
        #expect(unit?.depth == 2)
        let under = try database.read { db in try Array(units.units(db, UnitFilter(under: "BH"))).map(\.code) }
        #expect(under == ["BH", "BH001", "BH002"])
        #expect(try database.read { db in try units.count(db, UnitFilter(under: "FED", kind: .grassroots)) } == 3)
        #expect(try database.read { db in try units.count(db) } == 6)
    }

    @Test("refuses a missing parent, a bad code and a long name together")
    func refusesMissingParent() throws {
        let database = try Fixture.city()
        let error = validationError {
            try database.write { db in
                try units.create(db, UnitDraft(code: "BH 9", name: String(repeating: "工", count: 101), kind: .grassroots,
                                               parentCode: "NOPE", officeCode: "NOOFFICE"), context: context)
            }
        }
        #expect(error?.description == """
            E201 code BH 9: invalid code "BH 9" (1–32 letters, digits, '-' or '_')
            E203 unit BH 9: name must be 1–100 characters (got 101)
            E204 unit BH 9: parent unit NOPE does not exist
            E209 unit BH 9: unknown office NOOFFICE
            """)
    }

    @Test("refuses a taken code, a second federation and a parentless district")
    func refusesRootProblems() throws {
        let database = try Fixture.city()
        let taken = validationError { try database.write { db in
            try units.create(db, UnitDraft(code: "BH", name: "x", kind: .district, parentCode: "FED"), context: context) } }
        #expect(taken?.description == "E202 unit BH: unit BH already exists")
        let second = validationError { try database.write { db in
            try units.create(db, UnitDraft(code: "FED2", name: "x", kind: .federation, parentCode: nil), context: context) } }
        #expect(second?.description == "E213 unit FED2: federation FED already exists; there is one root unit")
        let orphan = validationError { try database.write { db in
            try units.create(db, UnitDraft(code: "SS", name: "蜀山区", kind: .district, parentCode: nil), context: context) } }
        #expect(orphan?.description == "E207 unit SS: a district unit needs a parent unit")
    }

    @Test("refuses a move that would make a cycle, and moves a subtree otherwise")
    func cycles() throws {
        let database = try Fixture.city()
        let error = validationError { try database.write { db in
            try units.move(db, code: "BH", toParent: "BH001", context: context) } }
        #expect(error?.description == "E205 unit BH: BH001 is inside the subtree of BH (a cycle)")
        let onto = validationError { try database.write { db in
            try units.move(db, code: "BH", toParent: "BH", context: context) } }
        #expect(onto?.codes == [205])

        try database.write { db in
            try units.create(db, UnitDraft(code: "BH001A", name: "车间", kind: .grassroots, parentCode: "BH001"), context: context)
            try units.move(db, code: "BH001", toParent: "LY", context: context)
        }
        let paths = try database.read { db in try Array(units.units(db, UnitFilter(under: "LY"))).map(\.path) }
        #expect(paths == ["/FED/LY/", "/FED/LY/BH001/", "/FED/LY/BH001/BH001A/", "/FED/LY/LY001/"])
        #expect(try database.read { db in try units.unit(db, code: "BH001")?.parentCode } == "LY")
    }

    @Test("keeps headcounts per unit and year, and refuses bad ones")
    func headcounts() throws {
        let database = try Fixture.city()
        try database.write { db in
            try units.setHeadcount(db, unitCode: "BH001", year: 2012, employees: 12, context: context)  // replaces 10
            try units.setHeadcount(db, unitCode: "LY001", year: 2012, employees: 30, context: context)
        }
        #expect(try database.read { db in try units.headcount(db, unitCode: "BH001", year: 2012) } == 12)
        #expect(try database.read { db in try units.headcount(db, unitCode: "BH001", year: 2013) } == nil)
        #expect(try database.read { db in try units.subtreeHeadcount(db, under: "FED", year: 2012) } == 46)  // 12 + 4 + 30
        let error = validationError { try database.write { db in
            try units.setHeadcount(db, unitCode: "BH001", year: 1800, employees: -1, context: context) } }
        #expect(error?.description == """
            E211 unit BH001: employee count must be 0 or more (got -1)
            E212 unit BH001: year 1800 is out of range (1900–9999)
            """)
    }

    @Test("a subtree is a range on the path index, and prefixes do not leak")
    func subtreeRange() throws {
        let database = try Fixture.city()
        try database.write { db in
            // BH0 is a sibling of BH whose code starts like it: not in BH's subtree
            try units.create(db, UnitDraft(code: "BH0", name: "x", kind: .district, parentCode: "FED"), context: context)
            try units.create(db, UnitDraft(code: "bh", name: "x", kind: .district, parentCode: "FED"), context: context)
        }
        let codes = try database.read { db in try Array(units.units(db, UnitFilter(under: "BH"))).map(\.code) }
        #expect(codes == ["BH", "BH001", "BH002"])
        let plan = try database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM unit WHERE path >= '/FED/BH/' AND path < '/FED/BH0'")
                .map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("USING INDEX") && $0.contains("path") })
    }
}
