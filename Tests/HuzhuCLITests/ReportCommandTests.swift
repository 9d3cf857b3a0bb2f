import Foundation
import Testing

@Suite("huzhu report, through the built binary")
struct ReportCommandTests {
    /// A small report over the workspace: the example report of this test.
    static let script = """
        local en = huzhu.report.lang() == "en"
        local r = huzhu.report.new{title = en and "Members" or "成员名单", date = "2012-06-30"}
        r:figure{label = en and "Units" or "单位数", value = huzhu.units.count{}}
        local t = r:table{title = "名单", total = true, columns = {
          {key = "name", label = "姓名"}, {key = "id", label = "身份证号", type = "resident_id"},
          {key = "shares", label = "份数", type = "integer"}}}
        t:add{name = "张三", id = "340104198001011234", shares = 2}
        t:add{name = "李四", id = "34010419800101123X", shares = 1}
        r:chart{type = "bar", table = t, label = "name", values = {"shares"}, title = (...) or "份数"}
        print("built")
        return r
        """

    static func workspace() throws -> Scratch {
        let dir = try Scratch()
        let initResult = try CLI.run(["init", "ws", "--operator", "tester"], in: dir.url)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        try dir.write("ws/scripts/reports/members.lua", script)
        return dir
    }

    @Test("renders to stdout as text, masked, Chinese; the script's print goes to stderr")
    func text() throws {
        let dir = try Self.workspace()
        let result = try CLI.run(["report", "members"], in: dir.url.appendingPathComponent("ws"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "built\n")
        #expect(result.stdout.hasPrefix("成员名单\n========\n生成日期：2012-06-30\n\n单位数  "))
        #expect(result.stdout.contains("""
            名单
            姓名  身份证号            份数
            ----  ------------------  ----
            张三  340104********1234     2
            李四  340104********123X     1
            ----  ------------------  ----
            合计                         3
            """))
        #expect(result.stdout.hasSuffix("图：份数（柱状图）\n张三  ████████████████████████████████████████ 2\n李四  ████████████████████                     1\n"))
    }

    @Test("writes each format to --out; --lang en and --unmasked; arguments after --", arguments: ["text", "csv", "md", "html"])
    func formats(format: String) throws {
        let dir = try Self.workspace()
        let out = dir.url.appendingPathComponent("members.\(format)")
        let result = try CLI.run(["report", "--workspace", "ws", "ws/scripts/reports/members.lua", "--format", format,
                                  "--out", out.path, "--lang", "en", "--unmasked", "--", "Shares <by member>"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "")
        let data = try Data(contentsOf: out)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("340104198001011234"))
        #expect(!text.contains("340104********1234"))
        switch format {
        case "csv":
            #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(text.contains("\r\n名单\r\n姓名,身份证号,份数\r\n张三,\"=\"\"340104198001011234\"\"\",2\r\n"))
            #expect(text.contains("Total,,3\r\n"))
        case "md":
            #expect(text.hasPrefix("# Members\n\nGenerated: 2012-06-30\n"))
            #expect(text.contains("*Chart: Shares \\<by member\\> (bar chart)*"))
        case "html":
            #expect(text.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
            #expect(text.contains("<figcaption>Chart: Shares &lt;by member&gt; (bar chart)</figcaption>"))
            #expect(text.contains("<svg"))
        default:
            #expect(text.hasPrefix("Members\n=======\nGenerated: 2012-06-30\n"))
        }
    }

    @Test("an unknown report exits 1 listing the reports; a script error exits 1; no report exits 1")
    func errors() throws {
        let dir = try Self.workspace()
        let ws = dir.url.appendingPathComponent("ws")
        let unknown = try CLI.run(["report", "nope"], in: ws)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no report 'nope'"))
        #expect(unknown.stderr.contains("(reports: annual-summary, appraisal, arrears, claims-timeliness, members, participation, peer-cities, plan-results, statement, target-progress)"))

        try dir.write("ws/scripts/reports/bad.lua", "local r = huzhu.report.new{title = 'x'}\nr:table{columns = {{key = 'a', type = 'monye'}}}\n")
        let bad = try CLI.run(["report", "bad"], in: ws)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("huzhu: scripts/reports/bad.lua:2: bad argument #1 to 'report:table' (columns[1].type: unknown column type 'monye'"))

        try dir.write("ws/scripts/reports/none.lua", "local x = 1\n")
        let none = try CLI.run(["report", "none", "--out", "none.txt"], in: ws)
        #expect(none.status == 1)
        #expect(none.stderr.contains("huzhu: scripts/reports/none.lua: made no report (call huzhu.report.new{title = …} and `return r`)"))
        #expect(!FileManager.default.fileExists(atPath: ws.appendingPathComponent("none.txt").path))
    }
}
