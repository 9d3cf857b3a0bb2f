import Foundation
import Testing

/// A union setting itself up from `huzhu init`: offices, units with their
/// office, and headcounts per year, through the built binary (issue 14).
@Suite("huzhu import offices and headcounts, through the built binary")
struct SetUpCommandTests {
    func ws(_ dir: Scratch) -> URL { dir.url.appendingPathComponent("ws") }

    func initialized() throws -> Scratch {
        let dir = try Scratch()
        let result = try CLI.run(["init", "ws", "--operator", "测试员"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        return dir
    }

    @Test("a units file whose office column names an office imported by `huzhu import offices` imports (was: unknown office, as nothing created offices)")
    func unitsNameImportedOffices() throws {
        let dir = try initialized()
        try dir.write("offices.csv", """
            代码,名称,类型,上级
            BJ,市总保险办,办事处,
            BJ-DC,东城区代办处,代办处,BJ
            """)
        try dir.write("units.csv", """
            code,name,kind,parent,office
            FED,市总工会,federation,,BJ
            DC,东城区总工会,district,FED,BJ-DC
            DC001,某厂工会,grassroots,DC,BJ-DC
            """)
        let offices = try CLI.run(["import", "offices", "../offices.csv"], in: ws(dir))
        #expect(offices.status == 0, "\(offices.stderr)")
        #expect(offices.stdout == "imported 2 offices\n")
        let units = try CLI.run(["import", "units", "../units.csv"], in: ws(dir))
        #expect(units.stderr == "")
        #expect(units.stdout == "imported 3 units\n")
        #expect(units.status == 0)
    }

    func units(_ dir: Scratch) throws {
        try dir.write("units.csv", "code,name,kind,parent,employees,year\nFED,市总工会,federation,,,\nBH,包河区总工会,区,FED,,\nBH001,燃气集团工会,基层,BH,100,2026\n")
        let units = try CLI.run(["import", "units", "../units.csv"], in: ws(dir))
        #expect(units.stdout == "imported 3 units\n")
    }

    @Test("import offices: a bad file exits 1 naming file, line and field, and imports nothing; --skip-invalid keeps the good rows")
    func officesAtomic() throws {
        let dir = try initialized()
        try dir.write("offices.csv", """
            code,name,kind,parent
            HQ,市总保险办,office,
            AG,代办处,分处,HQ
            AG2,代办处二,agency,NOPE
            """)
        let result = try CLI.run(["import", "offices", "../offices.csv"], in: ws(dir))
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            offices.csv:3: kind 分处: unknown office kind "分处" (expected office, agency, or 办事处, 代办处)
            offices.csv:4: parent NOPE: unknown office NOPE
            huzhu: nothing imported: 2 of 3 rows invalid

            """)
        let again = try CLI.run(["import", "offices", "--skip-invalid", "--rejects", "../rejects.csv", "../offices.csv"], in: ws(dir))
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("imported 1 offices"))
        let rejects = try String(contentsOf: dir.url.appendingPathComponent("rejects.csv"), encoding: .utf8)
        #expect(rejects.contains("AG,代办处,分处,HQ"))
        #expect(rejects.contains("AG2,代办处二,agency,NOPE"))
    }

    @Test("import headcounts: next year's counts with Chinese headers, replacing one; errors name file, line and field")
    func headcounts() throws {
        let dir = try initialized()
        try units(dir)
        try dir.write("headcounts.csv", "单位,年度,职工人数\nBH001,2026,120\nBH001,2027,130\n")
        let result = try CLI.run(["import", "headcounts", "../headcounts.csv"], in: ws(dir))
        #expect(result.stderr == "")
        #expect(result.stdout == "imported 2 headcounts\n")
        try dir.write("read.lua", "print(huzhu.units.headcount('BH001', 2026), huzhu.units.headcount('BH001', 2027))\n")
        let read = try CLI.run(["run", "../read.lua"], in: ws(dir))
        #expect(read.stdout == "120\t130\n", "\(read.stderr)")
        try dir.write("bad.csv", "unit,year,employees\nBH001,2028,10\nXX,2028,5\nBH001,2028,-3\n")
        let bad = try CLI.run(["import", "headcounts", "../bad.csv"], in: ws(dir))
        #expect(bad.status == 1)
        #expect(bad.stderr == """
            bad.csv:3: unit XX: unknown unit XX
            bad.csv:4: unit BH001: duplicate headcount BH001 2028, first at line 2
            huzhu: nothing imported: 2 of 3 rows invalid

            """)
        let after = try CLI.run(["run", "../read.lua"], in: ws(dir))
        #expect(after.stdout == "120\t130\n")
    }
}
