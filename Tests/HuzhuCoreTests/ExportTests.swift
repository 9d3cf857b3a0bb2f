import Foundation
import GRDB
import Testing
@testable import HuzhuCore

@Suite("Exporting members and policies")
struct ExportTests {
    func city() throws -> HuzhuDatabase {
        let database = try Fixture.city()
        try database.write { db in
            try MemberService().register(db, MemberDraft(residentID: IDs.a, name: "张三", unitCode: "BH001",
                                                         phone: "13812345678", hardship: true,
                                                         joinedOn: Fixture.date("2010-01-01")), context: Fixture.context())
            try MemberService().register(db, MemberDraft(residentID: IDs.b, name: "李,四", unitCode: "LY001",
                                                         joinedOn: Fixture.date("2011-01-01")), context: Fixture.context())
            try EnrollmentService().enroll(db, EnrollmentRequest(residentID: IDs.a, planCode: "ACC", shares: 2),
                                           context: Fixture.context())
        }
        return database
    }

    func export(_ body: (Database, CSVWriter) throws -> Int, in database: HuzhuDatabase) throws -> (count: Int, bytes: [UInt8]) {
        var bytes: [UInt8] = []
        let writer = CSVWriter(sink: { bytes += $0 })
        let count = try database.read { db in try body(db, writer) }
        try writer.close()
        return (count, bytes)
    }

    @Test("members: byte order mark, CRLF, resident IDs and phones masked by default")
    func membersMasked() throws {
        let (count, bytes) = try export({ try MemberExporter().export($0, to: $1) }, in: city())
        #expect(count == 2)
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self) == """
            resident_id,name,gender,birth_date,unit,phone,hardship,status,joined_on\r
            340104********1234,张三,male,1980-01-01,BH001,138****5678,1,active,2010-01-01\r
            \(ResidentID.mask(IDs.b)),"李,四",female,1985-05-05,LY001,,0,active,2011-01-01\r

            """)
    }

    @Test("members unmasked: full IDs as Excel text (or bare with excelText off), full phones; a unit's subtree only")
    func membersUnmasked() throws {
        var options = ExportOptions()
        options.unmasked = true
        let database = try city()
        let excel = try export({ try MemberExporter(options: options).export($0, MemberFilter(unit: "BH"), to: $1) }, in: database)
        #expect(String(decoding: excel.bytes.dropFirst(3), as: UTF8.self) == #"""
            resident_id,name,gender,birth_date,unit,phone,hardship,status,joined_on\#r
            "=""340104198001011234""",张三,male,1980-01-01,BH001,13812345678,1,active,2010-01-01\#r

            """#)
        options.excelText = false
        let plain = try export({ try MemberExporter(options: options).export($0, MemberFilter(unit: "LY"), to: $1) }, in: database)
        #expect(String(decoding: plain.bytes.dropFirst(3), as: UTF8.self).hasSuffix("\r\n\(IDs.b),\"李,四\",female,1985-05-05,LY001,,0,active,2011-01-01\r\n"))
    }

    @Test("an export imports again: Excel text and the extra columns are understood")
    func roundTrip() throws {
        var options = ExportOptions()
        options.unmasked = true
        let (_, bytes) = try export({ try MemberExporter(options: options).export($0, to: $1) }, in: city())
        let bench = try ImportBench()
        let url = try bench.scratch.file("export.csv", bytes: bytes)
        let report = try MemberImporter().importFile(url, into: bench.database, context: Fixture.context())
        #expect(report.summary == "imported 2 members")
        #expect(try bench.database.read { db in try String.fetchAll(db, sql: "SELECT residentID FROM member ORDER BY id") }
                == [IDs.a, IDs.b])
    }

    @Test("policies: money in yuan, the split, masked IDs; filtered by plan and year")
    func policies() throws {
        let database = try city()
        let all = try export({ try PolicyExporter().export($0, to: $1) }, in: database)
        #expect(String(decoding: all.bytes.dropFirst(3), as: UTF8.self) == """
            resident_id,plan,term,shares,unit,start,end,contribution,administration,union,member,status,enrolled_on\r
            340104********1234,ACC,2012,2,BH001,2012-07-01,2013-06-30,52.00,0.00,0.00,52.00,active,2012-06-20\r

            """)
        let none = try export({ try PolicyExporter().export($0, PolicyFilter(planCode: "FEM"), to: $1) }, in: database)
        #expect(none.count == 0)
        let year = try export({ try PolicyExporter().export($0, PolicyFilter(year: 2012), to: $1) }, in: database)
        #expect(year.count == 1)
    }
}
