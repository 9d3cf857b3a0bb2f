import Foundation
import GRDB
import Testing
@testable import HuzhuCore

@Suite("Importing units")
struct ImportUnitsTests {
    @Test("Chinese headers and kinds; a child before its parent; headcounts for the business year")
    func importsTree() throws {
        let bench = try ImportBench()
        let report = try bench.units("""
            代码,名称,类型,上级,办事处,职工人数,年度
            SS001,蜀山一厂工会,基层,SS,,120,
            SS,蜀山区总工会,区总工会,FED,HQ,,
            GX,高新区总工会,district,FED,,300,2013
            """)
        #expect(report.summary == "imported 3 units")
        let units = try bench.database.read { db in try Unit.filter(["SS", "SS001", "GX"].contains(Unit.Columns.code)).order(Unit.Columns.path).fetchAll(db) }
        #expect(units.map(\.path) == ["/FED/GX/", "/FED/SS/", "/FED/SS/SS001/"])
        #expect(units.map(\.kind) == [.district, .district, .grassroots])
        #expect(units[1].officeCode == "HQ")
        let headcounts = try bench.database.read { db in
            try UnitHeadcount.filter(["SS001", "GX"].contains(UnitHeadcount.Columns.unitCode)).order(UnitHeadcount.Columns.unitCode).fetchAll(db)
        }
        #expect(headcounts == [UnitHeadcount(unitCode: "GX", year: 2013, employees: 300),
                               UnitHeadcount(unitCode: "SS001", year: 2012, employees: 120)])
    }

    @Test("cycles, duplicates, unknown kinds, existing codes and missing parents, in line order")
    func errors() throws {
        let bench = try ImportBench()
        let units = try bench.count("unit")
        let failure = importFailure {
            try bench.units("""
                code,name,kind,parent,office,employees
                X1,循环一,grassroots,X2,,
                X2,循环二,grassroots,X1,,
                SS,蜀山区,区,FED,,
                SS,又一个蜀山区,区,FED,,
                BAD,坏,工厂,FED,,
                BH,包河区,区,FED,,
                Y1,某厂,基层,NOPE,,
                Z1,某厂,基层,SS,NOOFFICE,-5
                """)
        }
        #expect(failure?.report.errors.map(\.description) == [
            "units.csv:2: parent X2: X2 is inside the subtree of X1 (a cycle)",
            "units.csv:3: parent X1: X1 is inside the subtree of X2 (a cycle)",
            "units.csv:5: code SS: duplicate code, first at line 4",
            "units.csv:6: kind 工厂: unknown unit kind \"工厂\" (expected federation, district, county, industry, enterprise, grassroots, or 市总, 区, 县, 产业, 企业, 基层)",
            "units.csv:7: code BH: unit BH already exists",
            "units.csv:8: parent NOPE: parent unit NOPE does not exist",
            "units.csv:9: office NOOFFICE: unknown office NOOFFICE",
        ])
        #expect(try bench.count("unit") == units)
    }

    @Test("a negative headcount rejects the row, unit included, when skipping invalid rows")
    func headcountRejectsRow() throws {
        let bench = try ImportBench()
        let report = try bench.units("""
            code,name,kind,parent,employees
            SS,蜀山区,区,FED,-5
            GX,高新区,区,FED,10
            """, options: bench.options(skipInvalid: true))
        #expect(report.summary == "imported 1 units; 1 rejected → rejects.csv")
        #expect(try bench.rejects() == """
            code,name,kind,parent,employees,reason\r
            SS,蜀山区,区,FED,-5,employees -5: employee count must be 0 or more (got -5)\r

            """)
        #expect(try bench.database.read { db in try Unit.exists(db, key: "SS") } == false)
    }
}
