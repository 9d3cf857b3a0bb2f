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
}
