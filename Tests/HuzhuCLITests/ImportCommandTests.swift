import Foundation
import Testing

@Suite("huzhu import and huzhu export, through the built binary")
struct ImportCommandTests {
    static let a = "340104198001011234"
    static let b = "11010519491231002X"

    /// A workspace with the city's federation, a district and a grassroots unit.
    func workspace() throws -> Scratch {
        let dir = try Scratch()
        let initialized = try CLI.run(["init", "ws", "--operator", "测试员"], in: dir.url)
        #expect(initialized.status == 0, "\(initialized.stderr)")
        try dir.write("units.csv", """
            code,name,kind,parent
            FED,市总工会,federation,
            BH,包河区总工会,区,FED
            BH001,燃气集团工会,基层,BH
            """)
        let units = try CLI.run(["import", "units", "../units.csv"], in: dir.url.appendingPathComponent("ws"))
        #expect(units.stdout == "imported 3 units\n")
        return dir
    }

    func ws(_ dir: Scratch) -> URL { dir.url.appendingPathComponent("ws") }

    @Test("a good file: the summary on stdout, nothing on stderr; export shows it masked with a BOM")
    func importsAndExports() throws {
        let dir = try workspace()
        try dir.write("members.csv", "resident_id,name,unit,phone\n\(Self.a),张三,BH001,13812345678\n\(Self.b),王芳,BH001,\n")
        let result = try CLI.run(["import", "members", "../members.csv"], in: ws(dir))
        #expect(result.status == 0)
        #expect(result.stdout == "imported 2 members\n")
        #expect(result.stderr == "")
        let day = try today(dir)
        let export = try CLI.run(["export", "members"], in: ws(dir))
        #expect(export.status == 0)
        #expect(export.stdout == """
            \u{FEFF}resident_id,name,gender,birth_date,unit,phone,hardship,status,joined_on\r
            110105********002X,王芳,female,1949-12-31,BH001,,0,active,\(day)\r
            340104********1234,张三,male,1980-01-01,BH001,138****5678,0,active,\(day)\r

            """)
        let unmasked = try CLI.run(["export", "members", "--unmasked", "--out", "../out.csv", "--unit", "BH"], in: ws(dir))
        #expect(unmasked.stdout == "exported 2 members to ../out.csv\n")
        let file = try String(contentsOf: dir.url.appendingPathComponent("out.csv"), encoding: .utf8)
        #expect(file.contains("\"=\"\"340104198001011234\"\"\",张三,male,1980-01-01,BH001,13812345678,"))
    }

    /// The business date the workspace uses (the import's default join date).
    func today(_ dir: Scratch) throws -> String {
        let export = try CLI.run(["export", "members", "--unit", "BH001"], in: ws(dir))
        return String(export.stdout.split(separator: "\r\n")[1].split(separator: ",").last!)
    }

    @Test("atomic: errors on stderr with file and line, exit 1, and the database unchanged")
    func atomicFailure() throws {
        let dir = try workspace()
        try dir.write("members.csv", """
            身份证号,姓名,单位
            \(Self.a),张三,BH001
            340104198013011234,李四,BH001
            \(Self.a),张三,XX
            """)
        let result = try CLI.run(["import", "members", "../members.csv"], in: ws(dir))
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            members.csv:3: resident_id 340104********1234: invalid birth date (1980-13-01)
            members.csv:4: resident_id 340104********1234: duplicate resident_id, first at line 2
            members.csv:4: unit XX: unknown unit XX
            huzhu: nothing imported: 2 of 3 rows invalid

            """)
        let export = try CLI.run(["export", "members"], in: ws(dir))
        #expect(export.stdout == "\u{FEFF}resident_id,name,gender,birth_date,unit,phone,hardship,status,joined_on\r\n")
        let unmasked = try CLI.run(["import", "members", "--unmasked", "../members.csv"], in: ws(dir))
        #expect(unmasked.stderr.hasPrefix("members.csv:3: resident_id 340104198013011234: invalid birth date (1980-13-01)\n"))
    }

    @Test("--skip-invalid --rejects: valid rows imported, the rest in the rejects file, exit 0")
    func skipInvalid() throws {
        let dir = try workspace()
        try dir.write("members.csv", "resident_id,name,unit\n\(Self.a),张三,BH001\n\(Self.b),王芳,XX\n")
        let result = try CLI.run(["import", "members", "../members.csv", "--skip-invalid", "--rejects", "../rejects.csv"],
                                 in: ws(dir))
        #expect(result.status == 0)
        #expect(result.stdout == "imported 1 members; 1 rejected → rejects.csv\n")
        #expect(result.stderr == "members.csv:3: unit XX: unknown unit XX\n")
        let rejects = try Data(contentsOf: dir.url.appendingPathComponent("rejects.csv"))
        #expect(String(decoding: rejects, as: UTF8.self)
                == "\u{FEFF}resident_id,name,unit,reason\r\n\(Self.b),王芳,XX,unit XX: unknown unit XX\r\n")
    }

    @Test("usage errors exit 2", arguments: [
        (["import", "members", "m.csv", "--skip-invalid"], "Error: --skip-invalid needs --rejects FILE (where to write the rejected rows)"),
        (["import", "members", "m.csv", "--rejects", "r.csv"], "Error: --rejects is only used with --skip-invalid"),
        (["import", "payouts", "m.csv"],
         "Error: The value 'payouts' is invalid for '<kind>'. Please provide one of the following:"),
        (["import", "members", "m.csv", "--encoding", "latin1"],
         "Error: The value 'latin1' is invalid for '--encoding <encoding>'. Please provide one of 'utf8' and 'gb18030'."),
        (["export", "members", "--plan", "ACC"], "Error: --plan and --year apply to policies only"),
    ])
    func usageErrors(arguments: [String], firstLine: String) throws {
        let dir = try Scratch()
        let result = try CLI.run(arguments, in: dir.url)
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").first.map(String.init) == firstLine)
    }

    @Test("file errors exit 1 naming the file: missing, empty, header only, bad header")
    func fileErrors() throws {
        let dir = try workspace()
        try dir.write("empty.csv", "")
        try dir.write("header.csv", "resident_id,name,unit\n")
        try dir.write("bad.csv", "resident_id,name\n\(Self.a),张三\n")
        let cases = [
            ("missing.csv", "huzhu: missing.csv: cannot read the file: no such file\n"),
            ("empty.csv", "huzhu: empty.csv: empty file\n"),
            ("header.csv", "huzhu: header.csv: header only, no data rows\n"),
            ("bad.csv", "huzhu: bad.csv:1: missing required column 'unit' (单位, 单位代码)\n"),
        ]
        for (file, stderr) in cases {
            let result = try CLI.run(["import", "members", "../\(file)"], in: ws(dir))
            #expect(result.status == 1, "\(file)")
            #expect(result.stderr == stderr, "\(file)")
        }
    }

    @Test("a GB18030 file, detected or forced with --encoding gbk")
    func gb18030() throws {
        let dir = try workspace()
        // 身份证号,姓名,单位 / ID,张三,BH001 in GB18030.
        let header: [UInt8] = [0xC9, 0xED, 0xB7, 0xDD, 0xD6, 0xA4, 0xBA, 0xC5, 0x2C, 0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xB5, 0xA5, 0xCE, 0xBB]
        let row = Array("\n\(Self.a),".utf8) + [0xD5, 0xC5, 0xC8, 0xFD] + Array(",BH001\n".utf8)
        try Data(header + row).write(to: dir.url.appendingPathComponent("gbk.csv"))
        let result = try CLI.run(["import", "members", "--encoding", "gbk", "../gbk.csv"], in: ws(dir))
        #expect(result.stdout == "imported 1 members\n")
        let export = try CLI.run(["export", "members"], in: ws(dir))
        #expect(export.stdout.contains(",张三,male,"))
    }

    @Test("more than 50 errors: the first 50, then … and N more")
    func cappedList() throws {
        let dir = try workspace()
        var text = "resident_id,name,unit\n"
        for index in 0..<60 { text += "\(Self.a),甲\(index),XX\n" }
        try dir.write("many.csv", text)
        let result = try CLI.run(["import", "members", "../many.csv"], in: ws(dir))
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 52)
        #expect(lines[0] == "many.csv:2: unit XX: unknown unit XX")
        #expect(lines[50] == "… and 69 more")   // 60 unknown units + 59 duplicates = 119 errors
        #expect(lines[51] == "huzhu: nothing imported: 60 of 60 rows invalid")
    }

    @Test("policies export to a file with --plan and --year")
    func policiesExport() throws {
        let dir = try workspace()
        try dir.write("members.csv", "resident_id,name,unit\n\(Self.a),张三,BH001\n")
        _ = try CLI.run(["import", "members", "../members.csv"], in: ws(dir))
        try dir.write("policies.csv", "resident_id,plan,shares\n\(Self.a),ACC,1\n")
        let result = try CLI.run(["import", "policies", "../policies.csv"], in: ws(dir))
        #expect(result.status == 1)
        #expect(result.stderr == "policies.csv:2: plan ACC: unknown plan ACC\nhuzhu: nothing imported: 1 of 1 rows invalid\n")
        let export = try CLI.run(["export", "policies", "--plan", "ACC", "--year", "2012"], in: ws(dir))
        #expect(export.stdout == "\u{FEFF}resident_id,plan,term,shares,unit,start,end,contribution,administration,union,member,status,enrolled_on\r\n")
    }
}
