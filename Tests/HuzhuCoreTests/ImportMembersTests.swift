import Foundation
import GRDB
import Testing
@testable import HuzhuCore

@Suite("Importing members")
struct ImportMembersTests {
    @Test("a valid file is imported whole, with derived gender and birth date and one audit row")
    func importsFile() throws {
        let bench = try ImportBench()
        let audits = try bench.count("audit")
        let report = try bench.members("""
            resident_id,name,unit,phone,hardship,joined_on
            \(IDs.a),张三,BH001,138 1234 5678,是,2010-03-01
            \(IDs.b),李四,LY001,05511234567,0,2011/6/5
            \(IDs.c),王五,BH002,,,

            """)
        #expect(report.summary == "imported 3 members")
        #expect(report.rowsRead == 3 && report.rejected == 0)
        // Ids follow resident-ID order (rows are inserted sorted, for the unique index).
        let members = try bench.database.read { db in try Member.order(Member.Columns.id).fetchAll(db) }
        #expect(members.map(\.residentID.value) == [IDs.a, IDs.b, IDs.c].sorted())
        let byID = Dictionary(uniqueKeysWithValues: members.map { ($0.residentID.value, $0) })
        let rows = [IDs.a, IDs.b, IDs.c].map { byID[$0]! }
        #expect(rows.map(\.name) == ["张三", "李四", "王五"])
        #expect(rows.map(\.gender) == [.male, .female, .male])
        #expect(rows[0].birthDate == Fixture.date("1980-01-01"))
        #expect(rows.map { $0.phone?.value } == ["13812345678", "0551-1234567", nil])
        #expect(rows.map(\.hardship) == [true, false, false])
        #expect(rows.map(\.joinedOn) == [Fixture.date("2010-03-01"), Fixture.date("2011-06-05"), Fixture.today])
        #expect(members.allSatisfy { $0.status == .active })
        let audit = try bench.database.read { db in try AuditLog.entries(db, after: 0).last! }
        #expect(try bench.count("audit") == audits + 1)   // one row for the whole import
        #expect(audit.operation == "importMembers" && audit.tableName == "member" && audit.rowKey == "members.csv")
        #expect(audit.operatorName == "clerk")
        #expect(audit.summary == #"{"encoding":"utf8","file":"members.csv","firstID":1,"imported":3,"lastID":3,"rejected":0,"rows":3}"#)
    }

    @Test("a GB18030 file with Chinese headers is detected and decoded")
    func gb18030() throws {
        let bench = try ImportBench()
        // 身份证号,姓名,单位 / ID,张三,BH001 / ID,李四,LY001 in GB18030 bytes.
        var bytes = GB.header + ascii("\r\n\(IDs.a),") + GB.zhangSan + ascii(",BH001\r\n")
        bytes += ascii("\(IDs.b),") + GB.liSi + ascii(",LY001\r\n")
        let url = try bench.scratch.file("会员.csv", bytes: bytes)
        let report = try MemberImporter().importFile(url, into: bench.database, context: Fixture.context())
        #expect(report.encoding == .gb18030)
        #expect(report.summary == "imported 2 members")
        let names = try bench.database.read { db in try String.fetchAll(db, sql: "SELECT name FROM member ORDER BY id") }
        #expect(names == ["张三", "李四"])
    }

    @Test("atomic: one bad row and nothing is imported; the error names file, line, field and masked ID")
    func atomic() throws {
        let bench = try ImportBench()
        let audits = try bench.count("audit")
        let failure = importFailure {
            try bench.members("""
                resident_id,name,unit
                \(IDs.a),张三,BH001
                340104198013011234,李四,BH001
                \(IDs.c),王五,BH002
                """)
        }
        #expect(failure?.description == """
            members.csv:3: resident_id 340104********1234: invalid birth date (1980-13-01)
            nothing imported: 1 of 3 rows invalid
            """)
        #expect(failure?.report.errors.first?.code.rawValue == "E104")
        #expect(failure?.report.imported == 0)
        #expect(try bench.count("member") == 0)
        #expect(try bench.count("audit") == audits)
    }

    @Test("every problem of every row is listed, in line order")
    func everyProblem() throws {
        let bench = try ImportBench()
        let failure = importFailure {
            try bench.members("""
                身份证号,姓名,单位,电话,困难职工,入会日期
                \(IDs.a),,XX,12345,maybe,2013-01-01
                \(String(IDs.b.dropLast()))0,李四,LY001,,1,1970-01-01
                \(IDs.c),王五,BH002,,否,2011-02-30
                """)
        }
        #expect(failure?.report.errors.map(\.description) == [
            "members.csv:2: name: a value is required",
            "members.csv:2: unit XX: unknown unit XX",
            "members.csv:2: phone *****: invalid phone number (expected a mobile such as 13812345678 or a landline such as 0551-1234567)",
            "members.csv:2: hardship maybe: invalid yes/no value \"maybe\" (expected 1/0, true/false, yes/no or 是/否)",
            "members.csv:2: joined_on 2013-01-01: 2013-01-01 is after today (2012-06-20)",
            "members.csv:3: resident_id 340104********0220: wrong check character (expected 9, got 0)",
            "members.csv:4: joined_on 2011-02-30: invalid date \"2011-02-30\" (expected YYYY-MM-DD)",
        ])
        #expect(failure?.report.errors.map(\.code.rawValue) == ["E802", "E208", "E111", "E804", "E309", "E107", "E801"])
        #expect(failure?.verdict == "nothing imported: 3 of 3 rows invalid")
    }

    @Test("--unmasked shows resident IDs and phones in full")
    func unmasked() throws {
        let bench = try ImportBench()
        let failure = importFailure {
            try bench.members("resident_id,name,unit,phone\n340104198013011234,张三,BH001,1381234567\n",
                              options: bench.options(unmasked: true))
        }
        #expect(failure?.report.errors.map(\.description) == [
            "members.csv:2: resident_id 340104198013011234: invalid birth date (1980-13-01)",
            "members.csv:2: phone 1381234567: invalid phone number (expected a mobile such as 13812345678 or a landline such as 0551-1234567)",
        ])
    }

    @Test("duplicate resident IDs within the file and against the database")
    func duplicates() throws {
        let bench = try ImportBench()
        try bench.database.write { db in _ = try Fixture.member(db, IDs.d, unit: "LY001") }
        let failure = importFailure {
            try bench.members("""
                resident_id,name,unit
                \(IDs.a),张三,BH001
                \(IDs.b),李四,BH001
                \(IDs.a),张三,BH002
                \(IDs.d),赵六,BH001
                """)
        }
        #expect(failure?.report.errors.map(\.description) == [
            "members.csv:4: resident_id 340104********1234: duplicate resident_id, first at line 2",
            "members.csv:5: resident_id \(ResidentID.mask(IDs.d)): already registered",
        ])
        #expect(failure?.report.errors.map(\.code.rawValue) == ["E803", "E302"])
        #expect(try bench.count("member") == 1)
    }

    @Test("15-digit IDs are upgraded, and equal their 18-character form when checking duplicates")
    func legacyIDs() throws {
        let bench = try ImportBench()
        try bench.members("resident_id,name,unit\n110105491231002,王芳,BH001\n")
        #expect(try bench.database.read { db in try String.fetchAll(db, sql: "SELECT residentID FROM member") }
                == ["11010519491231002X"])
        let failure = importFailure {
            try bench.members("resident_id,name,unit\n340524800101001,甲,BH001\n34052419800101001x,乙,BH001\n")
        }
        #expect(failure?.report.errors.map(\.description) == [
            "members.csv:3: resident_id 340524********001x: duplicate resident_id, first at line 2",
        ])
    }

    @Test("wrong check characters, impossible and future birth dates, bad lengths and letters")
    func badIDs() throws {
        let bench = try ImportBench()
        let failure = importFailure {
            try bench.members("""
                resident_id,name,unit
                340104198001011235,甲,BH001
                340104198002301234,乙,BH001
                340104201306011234,丙,BH001
                34010419800101123,丁,BH001
                34010419800101A234,戊,BH001
                990104198001011234,己,BH001
                \(IDs.a.dropLast())x,庚,BH001
                """)
        }
        #expect(failure?.report.errors.map(\.description) == [
            "members.csv:2: resident_id 340104********1235: wrong check character (expected 4, got 5)",
            "members.csv:3: resident_id 340104********1234: invalid birth date (1980-02-30)",
            "members.csv:4: resident_id 340104********1234: birth date 2013-06-01 is in the future",
            "members.csv:5: resident_id 340104*******1123: must be 18 characters (got 17)",
            "members.csv:6: resident_id 340104********A234: unexpected character 'A' at position 15",
            "members.csv:7: resident_id 990104********1234: unknown area code 99",
            "members.csv:8: resident_id 340104********123x: wrong check character (expected 4, got x)",
        ])
    }

    @Test("an empty file, a header alone and header problems are file errors; nothing is imported")
    func fileErrors() throws {
        let bench = try ImportBench()
        #expect(csvError { try bench.members("") }?.description == "members.csv: empty file")
        #expect(csvError { try bench.members("\u{FEFF}\r\n\r\n") }?.description == "members.csv: empty file")
        #expect(csvError { try bench.members("resident_id,name,unit\r\n") }?.description
                == "members.csv: header only, no data rows")
        #expect(csvErrors { try bench.members("resident_id,name,unit_code\n\(IDs.a),甲,BH001\n") }?.description == """
            members.csv:1: unknown column 'unit_code' (column 3)
            members.csv:1: missing required column 'unit' (单位, 单位代码)
            """)
        #expect(try bench.count("member") == 0)
    }

    @Test("ragged rows and stray quotes are errors of their rows")
    func ragged() throws {
        let bench = try ImportBench()
        let failure = importFailure {
            try bench.members("""
                resident_id,name,unit
                \(IDs.a),张三
                \(IDs.b),李"四,BH001
                \(IDs.c),王五,BH001,extra
                """)
        }
        #expect(failure?.report.errors.map(\.description) == [
            "members.csv:2: expected 3 fields, got 2",
            "members.csv:3: stray quote in field 'name' (a field holding quotes must be quoted, its quotes doubled)",
            "members.csv:4: expected 3 fields, got 4",
        ])
    }

    @Test("a stopping error in the middle imports nothing, even when skipping invalid rows")
    func stoppingError() throws {
        let bench = try ImportBench()
        let bytes = ascii("resident_id,name,unit\n\(IDs.a),A,BH001\n\(IDs.b),B\u{0},BH001\n")
        let url = try bench.scratch.file("members.csv", bytes: bytes)
        let error = csvError {
            try MemberImporter(options: bench.options(skipInvalid: true)).importFile(url, into: bench.database,
                                                                                   context: Fixture.context())
        }
        #expect(error?.description == "members.csv:3: NUL byte in field 'name' (is this a binary or UTF-16 file?)")
        #expect(try bench.count("member") == 0)
        #expect(!FileManager.default.fileExists(atPath: bench.scratch.url("rejects.csv").path))
    }

    @Test("--skip-invalid imports the valid rows and writes the others, with reasons, to the rejects file")
    func rejectsFile() throws {
        let bench = try ImportBench()
        let report = try bench.members("""
            resident_id,name,unit,phone
            \(IDs.a),张三,BH001,13812345678
            340104198013011234,李四,BH001,
            \(IDs.c),"王,五",XX,123
            \(IDs.d),赵六
            """, options: bench.options(skipInvalid: true))
        #expect(report.summary == "imported 1 members; 3 rejected → rejects.csv")
        #expect(report.errorCount == 4)
        #expect(try bench.count("member") == 1)
        #expect(try bench.scratch.bytes("rejects.csv").prefix(3) == [0xEF, 0xBB, 0xBF])
        #expect(try bench.rejects() == """
            resident_id,name,unit,phone,reason\r
            340104198013011234,李四,BH001,,resident_id 340104********1234: invalid birth date (1980-13-01)\r
            \(IDs.c),"王,五",XX,123,unit XX: unknown unit XX; phone ***: invalid phone number (expected a mobile such as 13812345678 or a landline such as 0551-1234567)\r
            \(IDs.d),赵六,,,"expected 4 fields, got 2"\r

            """)
        let audit = try bench.database.read { db in try AuditLog.entries(db, after: 0).last! }
        #expect(audit.summary == #"{"encoding":"utf8","file":"members.csv","firstID":1,"imported":1,"lastID":1,"rejected":3,"rows":4}"#)
    }

    @Test("a corrected rejects file imports again: its reason column is ignored")
    func reimportRejects() throws {
        let bench = try ImportBench()
        try bench.members("resident_id,name,unit\n\(IDs.a),张三,XX\n", options: bench.options(skipInvalid: true))
        let fixed = try bench.rejects().replacingOccurrences(of: ",XX,", with: ",BH001,")
        let report = try bench.members(fixed, file: "fixed.csv")
        #expect(report.summary == "imported 1 members")
    }

    @Test("a unit outside the importer's scope is refused")
    func scope() throws {
        let bench = try ImportBench()
        let failure = importFailure {
            try bench.members("resident_id,name,unit\n\(IDs.a),张三,LY001\n", scope: .unit("BH"))
        }
        #expect(failure?.report.errors.map(\.description) == ["members.csv:2: unit LY001: unit LY001 is outside the scope BH"])
    }

    @Test("Excel text =\"…\" around an ID is read as the ID")
    func excelText() throws {
        let bench = try ImportBench()
        try bench.members("resident_id,name,unit\n\"=\"\"\(IDs.a)\"\"\",张三,BH001\n")
        #expect(try bench.database.read { db in try String.fetchAll(db, sql: "SELECT residentID FROM member") } == [IDs.a])
    }

    @Test("the importer refuses what MemberService.register refuses, with the same codes")
    func parityWithRegister() throws {
        let rows: [(id: String, name: String, unit: String, phone: String?, joined: String?)] = [
            ("340104198013011234", "甲", "BH001", nil, nil),
            ("340104198001011235", "乙", "BH001", "13812345678", "2010-01-01"),
            (IDs.a, String(repeating: "名", count: 51), "XX", "123", "2013-01-01"),
            (IDs.b, "丙", "BH001", nil, "1980-01-01"),
            ("110105491231002", "丁", "BH002", "0551-1234567", nil),
            (IDs.c, "  ", "LY001", "+8613812345678", "2012-06-20"),
        ]
        for row in rows {
            let bench = try ImportBench()
            var text = "resident_id,name,unit,phone,joined_on\n"
            text += [row.id, row.name, row.unit, row.phone ?? "", row.joined ?? ""].joined(separator: ",") + "\n"
            let imported = importFailure { try bench.members(text) }?.report.errors.map(\.code.rawValue) ?? []
            let registered = validationError {
                try Fixture.city().write { db in
                    try MemberService().register(db, MemberDraft(
                        residentID: row.id, name: row.name, unitCode: row.unit, phone: row.phone,
                        joinedOn: row.joined.map(Fixture.date)), context: Fixture.context())
                }
            }?.failures.map(\.reason.label) ?? []
            // A blank name is "required" (E802) in a file, a 0-character name (E301) to the service.
            #expect(imported.map { $0 == "E802" ? "E301" : $0 } == registered, "\(row.id)")
        }
    }

    @Test("the fast resident ID check accepts exactly what ResidentID accepts")
    func fastPathAgrees() {
        var random = SplitMix64(seed: 7)
        let today = Fixture.today
        for _ in 0..<20_000 {
            var id = Array(Fixture.residentID(area: ["340104", "110105", "990101", "710000"].randomElement(using: &random)!,
                                              birth: ["19800101", "20120620", "20120621", "18991231", "17991231",
                                                      "19800230", "20000229", "19000229"].randomElement(using: &random)!,
                                              sequence: Int.random(in: 0...999, using: &random)))
            if Int.random(in: 0..<4, using: &random) == 0 {
                id[Int.random(in: 0..<18, using: &random)] = "0123456789Xx".randomElement(using: &random)!
            }
            let text = String(id)
            let slow = try? ResidentID(text, today: today)
            let fast = FastResidentID.check(text, today: today)
            #expect(fast?.value == slow?.value, "\(text)")
            if let fast, let slow {
                #expect(fast.birthDate == slow.birthDate && fast.isMale == (slow.gender == .male))
            }
        }
    }
}
