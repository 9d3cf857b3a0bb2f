import Foundation
import Testing

@Suite("huzhu demo: a deterministic demo workspace and its participation table")
struct DemoCommandTests {
    /// What `huzhu demo demo --members 2000` prints (seed 1), CJK columns lined up.
    static let golden = """
        Made the demo workspace demo (seed 1): 合肥市总工会, 12 unions under it, 39 grassroots unions, 2,000 members (23 retired, 12 gone, 102 hardship).
        Group enrollments of 2026-06-15: 97 batches, 3,894 policies. Business date 2026-09-30.

        Plans, terms from 2026-07-01:
          计划                        每份（元）  期限  参保人数  缴费（元）
          ------------------------------------------------------------------
          ACC 职工意外伤害互助保障         26.00  1 年     1,677   43,602.00
          INP 职工住院医疗互助保障         36.00  1 年     1,259   45,324.00
          FEM 女职工特殊疾病互助保障       50.00  2 年       588   29,400.00
          CI 职工重大疾病互助保障          90.00  3 年       370   33,300.00

        Participation 2026 by district and industrial union (参保率 = enrolled members ÷ employees):
          单位                职工人数  参保人数  参保率  缴费（元）
          ----------------------------------------------------------
          包河区总工会             369       296   80.2%   32,072.00
          庐阳区总工会             219       179   81.7%   16,188.00
          蜀山区总工会             351       313   89.2%   20,606.00
          瑶海区总工会             233       141   60.5%   20,076.00
          肥西县总工会              70        29   41.4%    3,978.00
          经开区总工会              25        25  100.0%    2,630.00
          高新区总工会             197       112   56.9%   17,514.00
          市工交工会               232        41   17.7%    2,942.00
          市文教工会               377       287   76.1%   17,876.00
          市财贸工会                59        50   84.7%    5,446.00
          燃气集团工会             137       109   79.6%    4,958.00
          四方磷复肥公司工会       114        95   83.3%    7,340.00
          ----------------------------------------------------------
          全市合计               2,383     1,677   70.4%  151,626.00

        Try next:
          cd demo && huzhu run scripts/jobs/hello.lua

        """

    @Test("prints what it made, the plans and participation by union, exactly")
    func golden() throws {
        let scratch = try Scratch()
        let result = try CLI.run(["demo", "demo", "--members", "2000"], in: scratch.url)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout == DemoCommandTests.golden)
        let config = try String(contentsOf: scratch.url.appendingPathComponent("demo/huzhu.toml"), encoding: .utf8)
        #expect(config.contains("today = \"2026-09-30\""))
        #expect(config.contains("operator = \"市总保险办\""))
        #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("demo/scripts/jobs/hello.lua").path))
    }

    @Test("refuses a folder that already holds a workspace, and leaves it alone")
    func refusesExisting() throws {
        let scratch = try Scratch()
        #expect(try CLI.run(["init", "demo"], in: scratch.url).status == 0)
        let database = scratch.url.appendingPathComponent("demo/huzhu.db")
        let before = try Data(contentsOf: database)
        let result = try CLI.run(["demo", "demo", "--members", "100"], in: scratch.url)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "huzhu: demo already holds a workspace; pass --force to replace it\n")
        #expect(try Data(contentsOf: database) == before)
    }

    @Test("--force replaces the workspace and keeps the folder's other files")
    func force() throws {
        let scratch = try Scratch()
        #expect(try CLI.run(["demo", "demo", "--members", "300", "--seed", "9"], in: scratch.url).status == 0)
        try scratch.write("demo/notes.txt", "mine")
        try scratch.write("demo/scripts/jobs/old.lua", "print(1)")
        let result = try CLI.run(["demo", "demo", "--members", "2000", "--force"], in: scratch.url)
        #expect(result.status == 0)
        #expect(result.stdout == DemoCommandTests.golden)
        let folder = scratch.url.appendingPathComponent("demo")
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("scripts/jobs/old.lua").path))
    }

    @Test("the number of members must be at least 1")
    func badMembers() throws {
        let scratch = try Scratch()
        let result = try CLI.run(["demo", "x", "--members", "0"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--members must be between 1 and 10,000,000 (got 0)"))
    }
}
