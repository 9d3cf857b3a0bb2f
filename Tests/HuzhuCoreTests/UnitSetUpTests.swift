import Foundation
import GRDB
import Testing
@testable import HuzhuCore

/// Issue 14, items 1 and 2, in the core: offices with a parent office, a
/// unit's update and closing (enrolments refused after it, whichever way
/// they come), headcounts replaced with the old value audited, and the two
/// new imports. The Lua and CLI tests check the same rules from their side.
@Suite("Setting up offices, units and headcounts")
struct UnitSetUpTests {
    let units = UnitService()
    let context = Fixture.context()

    func audit(_ database: HuzhuDatabase, _ operation: String) throws -> [String] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT action, rowKey, summary FROM audit WHERE operation = ? ORDER BY id",
                             arguments: [operation]).map { "\($0[0] as String) \($0[1] as String) \($0[2] as String)" }
        }
    }

    // MARK: - Offices

    @Test("an office under a parent office is stored and audited with its parent")
    func officeWithParent() throws {
        let database = try Fixture.city()
        _ = try database.write { db in
            try units.createOffice(db, Office(code: "AG-FX", name: "肥西县代办处", kind: .agency, parentCode: "HQ"), context: context)
        }
        let office = try database.read { db in try units.office(db, code: "AG-FX") }
        #expect(office == Office(code: "AG-FX", name: "肥西县代办处", kind: .agency, parentCode: "HQ"))
        #expect(try audit(database, "createOffice").last == #"insert AG-FX {"kind":"agency","name":"肥西县代办处","parent":"HQ"}"#)
    }

    @Test("an office's parent must exist and be another office; a scoped run may not create offices")
    func officeRefusals() throws {
        let database = try Fixture.city()
        let unknown = validationError { try database.write { db in
            try units.createOffice(db, Office(code: "AG", name: "代办处", kind: .agency, parentCode: "NOPE"), context: context) } }
        #expect(unknown?.description == "E209 parent NOPE: unknown office NOPE")
        let itself = validationError { try database.write { db in
            try units.createOffice(db, Office(code: "AG", name: "代办处", kind: .agency, parentCode: "AG"), context: context) } }
        #expect(itself?.description == "E216 parent AG: office AG cannot be the parent of AG (a cycle)")
        let scoped = validationError { try database.write { db in
            try UnitService(scope: .unit("BH")).createOffice(db, Office(code: "AG", name: "代办处", kind: .agency), context: context) } }
        #expect(scoped?.description == "E251 code AG: createOffice is a federation operation, refused in a run scoped to BH")
        #expect(try database.read { db in try units.offices(db).map(\.code) } == ["HQ"])
    }

    @Test("office kinds read in English or Chinese; anything else is E215")
    func officeKinds() throws {
        #expect(try Office.Kind.parse("Agency") == .agency)
        #expect(try Office.Kind.parse("办事处") == .office)
        #expect(try Office.Kind.parse("代办处") == .agency)
        #expect(throws: ValidationFailure.self) { try Office.Kind.parse("分处") }
        do { _ = try Office.Kind.parse("分处") } catch let failure as ValidationFailure {
            #expect(failure.message(.english) == #"unknown office kind "分处" (expected office, agency, or 办事处, 代办处)"#)
            #expect(failure.reason.rawValue == 215)
        }
    }

    // MARK: - Update

    @Test("update changes name and office, audits old and new, and a change of nothing writes nothing")
    func update() throws {
        let database = try Fixture.city()
        _ = try database.write { db in
            try units.createOffice(db, Office(code: "AG", name: "包河代办处", kind: .agency, parentCode: "HQ"), context: context)
            let unit = try units.update(db, code: "BH001", UnitChanges(name: "燃气集团总公司工会", officeCode: "AG"), context: context)
            #expect(unit.name == "燃气集团总公司工会" && unit.officeCode == "AG")
            try units.update(db, code: "FED", UnitChanges(officeCode: .some(nil)), context: context)
            try units.update(db, code: "BH", UnitChanges(name: "包河区总工会"), context: context)   // unchanged
        }
        #expect(try database.read { db in try units.unit(db, code: "FED")?.officeCode } == nil)
        #expect(try database.read { db in try units.unit(db, code: "BH001")?.name } == "燃气集团总公司工会")
        #expect(try audit(database, "updateUnit") == [
            #"update BH001 {"name":"燃气集团总公司工会","office":"AG","oldName":"燃气集团工会","oldOffice":null}"#,
            #"update FED {"office":null,"oldOffice":"HQ"}"#,
        ])
    }

    @Test("update refuses an unknown unit, a bad name, an unknown office and a unit outside the scope")
    func updateRefusals() throws {
        let database = try Fixture.city()
        let unknown = validationError { try database.write { db in
            try units.update(db, code: "NOPE", UnitChanges(name: "x"), context: context) } }
        #expect(unknown?.description == "E208 code NOPE: unknown unit NOPE")
        let bad = validationError { try database.write { db in
            try units.update(db, code: "BH001", UnitChanges(name: "", officeCode: "NOOFFICE"), context: context) } }
        #expect(bad?.description == """
            E203 unit BH001: name must be 1–100 characters (got 0)
            E209 unit BH001: unknown office NOOFFICE
            """)
        let outside = validationError { try database.write { db in
            try UnitService(scope: .unit("BH")).update(db, code: "LY001", UnitChanges(name: "x"), context: context) } }
        #expect(outside?.description == "E250 code LY001: unit LY001 is outside the scope BH")
        _ = try database.write { db in
            try UnitService(scope: .unit("BH")).update(db, code: "BH002", UnitChanges(name: "包河二小工会"), context: context)
        }
        #expect(try audit(database, "updateUnit").count == 1)
    }

    // MARK: - Closing

    func cityWithMembers() throws -> HuzhuDatabase {
        let database = try Fixture.city()
        _ = try database.write { db in
            let members = MemberService()
            try members.register(db, MemberDraft(residentID: IDs.a, name: "张三", unitCode: "BH001"), context: context)
            try members.register(db, MemberDraft(residentID: IDs.c, name: "李四", unitCode: "BH001"), context: context)
            try members.register(db, MemberDraft(residentID: IDs.b, name: "王芳", unitCode: "LY001"), context: context)
        }
        return database
    }

    @Test("close records the day, audits it, refuses twice and outside the scope")
    func close() throws {
        let database = try cityWithMembers()
        let closed = try database.write { db in try units.close(db, code: "BH001", on: Fixture.date("2012-06-30"), context: context) }
        #expect(closed.closedOn == Fixture.date("2012-06-30"))
        #expect(try database.read { db in try units.unit(db, code: "BH001")?.closedOn } == Fixture.date("2012-06-30"))
        #expect(try audit(database, "closeUnit") == [#"update BH001 {"closedOn":"2012-06-30"}"#])
        let twice = validationError { try database.write { db in
            try units.close(db, code: "BH001", on: Fixture.date("2012-07-31"), context: context) } }
        #expect(twice?.description == "E218 unit BH001: unit BH001 is already closed (on 2012-06-30)")
        let outside = validationError { try database.write { db in
            try UnitService(scope: .unit("BH")).close(db, code: "LY001", on: Fixture.today, context: context) } }
        #expect(outside?.description == "E250 code LY001: unit LY001 is outside the scope BH")
        let unknown = validationError { try database.write { db in
            try units.close(db, code: "NOPE", on: Fixture.today, context: context) } }
        #expect(unknown?.description == "E208 code NOPE: unknown unit NOPE")
        // Its members stay.
        #expect(try database.read { db in try Member.filter(Column("unitCode") == "BH001").fetchCount(db) } == 2)
    }

    @Test("after the closing day, enrolment is refused one by one, as a group and by import; on the day it is taken")
    func enrolmentAfterClosing() throws {
        let database = try cityWithMembers()
        _ = try database.write { db in try units.close(db, code: "BH001", on: Fixture.date("2012-06-20"), context: context) }
        let enrollment = EnrollmentService()
        // On the closing day itself (the fixture's today), enrolments are still taken.
        _ = try database.write { db in
            try enrollment.enroll(db, EnrollmentRequest(residentID: IDs.a, planCode: "ACC"), context: context)
        }
        let after = Fixture.context(today: Fixture.date("2012-06-21"))
        let policies = try database.read { db in try Policy.fetchCount(db) }
        let single = validationError { try database.write { db in
            try enrollment.enroll(db, EnrollmentRequest(residentID: IDs.c, planCode: "ACC"), context: after) } }
        #expect(single?.codes == [217])
        #expect(single?.failures.map { "\($0.field) \($0.message(.english))" } == [
            "unit unit BH001 closed on 2012-06-20: no new enrolments after it",
        ])
        let group = validationError { try database.write { db in
            try enrollment.enrollUnit(db, GroupEnrollmentRequest(unitCode: "BH001", planCode: "CIA"), context: after) } }
        #expect(group?.description == "E217 unit BH001: unit BH001 closed on 2012-06-20: no new enrolments after it")
        // Closing a district closes its subtree to enrolment; other units are open.
        _ = try database.write { db in try units.close(db, code: "LY", on: Fixture.date("2012-06-20"), context: context) }
        let child = validationError { try database.write { db in
            try enrollment.enroll(db, EnrollmentRequest(residentID: IDs.b, planCode: "FEM"), context: after) } }
        #expect(child?.failures.map { $0.message(.english) } == ["unit LY closed on 2012-06-20: no new enrolments after it"])
        #expect(try database.read { db in try Policy.fetchCount(db) } == policies)

        let bench = try ImportBench()
        _ = try bench.database.write { db in
            try MemberService().register(db, MemberDraft(residentID: IDs.a, name: "张三", unitCode: "BH001"), context: context)
            try units.close(db, code: "BH001", on: Fixture.date("2012-06-19"), context: context)
        }
        let failure = importFailure { try bench.policies("resident_id,plan,shares\n\(IDs.a),ACC,1\n") }
        #expect(failure?.report.errors.map(\.description) == [
            "policies.csv:2: unit BH001: unit BH001 closed on 2012-06-19: no new enrolments after it",
        ])
        #expect(try bench.count("policy") == 0)
    }

    // MARK: - Headcounts

    @Test("replacing a year's headcount audits the old and the new count")
    func headcountReplaced() throws {
        let database = try Fixture.city()
        _ = try database.write { db in
            try units.setHeadcount(db, unitCode: "BH001", year: 2012, employees: 12, context: context)
            try units.setHeadcount(db, unitCode: "BH001", year: 2013, employees: 15, context: context)
        }
        #expect(try audit(database, "setHeadcount").suffix(2) == [
            #"update BH001/2012 {"employees":12,"old":10}"#,
            #"insert BH001/2013 {"employees":15}"#,
        ])
    }

    // MARK: - Imports

    @discardableResult
    func importOffices(_ bench: ImportBench, _ text: String, options: ImportOptions = ImportOptions(),
                       scope: Scope = .everything) throws -> ImportReport {
        let url = try bench.scratch.file("offices.csv", text)
        return try OfficeImporter(scope: scope, options: options).importFile(url, into: bench.database, context: context)
    }

    @discardableResult
    func importHeadcounts(_ bench: ImportBench, _ text: String, options: ImportOptions = ImportOptions(),
                          scope: Scope = .everything) throws -> ImportReport {
        let url = try bench.scratch.file("headcounts.csv", text)
        return try HeadcountImporter(scope: scope, options: options).importFile(url, into: bench.database, context: context)
    }

    @Test("offices: Chinese headers and kinds, a child before its parent, audited row by row and as an import")
    func officesImport() throws {
        let bench = try ImportBench()
        let report = try importOffices(bench, """
            代码,名称,类型,上级
            AG-FX1,肥西县上派代办点,代办处,AG-FX
            AG-FX,肥西县代办处,代办处,HQ2
            HQ2,市总二办,Office,
            """)
        #expect(report.summary == "imported 3 offices")
        let offices = try bench.database.read { db in try UnitService().offices(db) }
        #expect(offices.map { "\($0.code) \($0.kind) \($0.parentCode ?? "-")" } == [
            "AG-FX agency HQ2", "AG-FX1 agency AG-FX", "HQ office -", "HQ2 office -",
        ])
        #expect(try audit(bench.database, "createOffice").map { $0.split(separator: " ")[1] } == ["HQ", "HQ2", "AG-FX", "AG-FX1"])
        #expect(try audit(bench.database, "importOffices") == [
            #"import offices.csv {"encoding":"utf8","file":"offices.csv","imported":3,"rejected":0,"rows":3}"#,
        ])
    }

    @Test("offices: every error in line order; atomic leaves nothing; skipping keeps the valid rows")
    func officesImportErrors() throws {
        let bench = try ImportBench()
        let file = """
            code,name,kind,parent
            A1,一,agency,A2
            A2,二,agency,A1
            HQ,又一个,office,
            K,坏,分处,
            P,无上级,agency,NOPE
            OK,好,agency,HQ
            OK,好,agency,HQ
            """
        let failure = importFailure { try importOffices(bench, file) }
        #expect(failure?.report.errors.map(\.description) == [
            "offices.csv:2: parent A2: office A2 cannot be the parent of A1 (a cycle)",
            "offices.csv:3: parent A1: office A1 cannot be the parent of A2 (a cycle)",
            "offices.csv:4: code HQ: office HQ already exists",
            #"offices.csv:5: kind 分处: unknown office kind "分处" (expected office, agency, or 办事处, 代办处)"#,
            "offices.csv:6: parent NOPE: unknown office NOPE",
            "offices.csv:8: code OK: duplicate code, first at line 7",
        ])
        #expect(try bench.count("office") == 1)
        #expect(try audit(bench.database, "importOffices").isEmpty)
        let report = try importOffices(bench, file, options: bench.options(skipInvalid: true))
        #expect(report.imported == 1 && report.rejected == 6)
        #expect(try bench.database.read { db in try UnitService().offices(db).map(\.code) } == ["HQ", "OK"])
    }

    @Test("offices: a scoped import is refused (E251) and leaves nothing")
    func officesImportScoped() throws {
        let bench = try ImportBench()
        let failure = importFailure { try importOffices(bench, "code,name,kind\nAG,代办处,agency\n", scope: .unit("BH")) }
        #expect(failure?.report.errors.map(\.description) == [
            "offices.csv:2: code AG: createOffice is a federation operation, refused in a run scoped to BH",
        ])
        #expect(try bench.count("office") == 1)
    }

    @Test("headcounts: Chinese headers; a year already recorded is replaced and audited with the old count")
    func headcountsImport() throws {
        let bench = try ImportBench()
        let report = try importHeadcounts(bench, """
            单位,年度,职工人数
            BH001,2012,11
            BH001,2013,12
            LY001,2013,40
            """)
        #expect(report.summary == "imported 3 headcounts")
        let rows = try bench.database.read { db in
            try UnitHeadcount.order(UnitHeadcount.Columns.unitCode, UnitHeadcount.Columns.year).fetchAll(db)
        }
        #expect(rows == [UnitHeadcount(unitCode: "BH001", year: 2012, employees: 11),
                         UnitHeadcount(unitCode: "BH001", year: 2013, employees: 12),
                         UnitHeadcount(unitCode: "BH002", year: 2012, employees: 4),
                         UnitHeadcount(unitCode: "LY001", year: 2013, employees: 40)])
        #expect(try audit(bench.database, "setHeadcount").suffix(3) == [
            #"update BH001/2012 {"employees":11,"old":10}"#,
            #"insert BH001/2013 {"employees":12}"#,
            #"insert LY001/2013 {"employees":40}"#,
        ])
        #expect(try audit(bench.database, "importHeadcounts").count == 1)
    }

    @Test("headcounts: every error in line order, nothing imported; a scoped import may not reach outside")
    func headcountsImportErrors() throws {
        let bench = try ImportBench()
        let before = try bench.count("unitHeadcount")
        let failure = importFailure { try importHeadcounts(bench, """
            unit,year,employees
            BH001,2013,12
            NOPE,2013,5
            BH002,1800,-1
            BH001,2013,13
            BH002,二〇一三,5
            BH002,2014,
            """) }
        #expect(failure?.report.errors.map(\.description) == [
            "headcounts.csv:3: unit NOPE: unknown unit NOPE",
            "headcounts.csv:4: employees -1: employee count must be 0 or more (got -1)",
            "headcounts.csv:4: year 1800: year 1800 is out of range (1900–9999)",
            "headcounts.csv:5: unit BH001: duplicate headcount BH001 2013, first at line 2",
            "headcounts.csv:6: year 二〇一三: invalid whole number \"二〇一三\"",
            "headcounts.csv:7: employees: a value is required",
        ])
        #expect(try bench.count("unitHeadcount") == before)
        let scoped = importFailure { try importHeadcounts(bench, "unit,year,employees\nBH001,2013,12\nLY001,2013,5\n",
                                                          scope: .unit("BH")) }
        #expect(scoped?.report.errors.map(\.description) == ["headcounts.csv:3: unit LY001: unit LY001 is outside the scope BH"])
        #expect(try bench.count("unitHeadcount") == before)
    }
}
