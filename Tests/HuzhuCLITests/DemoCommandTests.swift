import Foundation
import Testing

@Suite("huzhu demo: a deterministic demo workspace and its participation table")
struct DemoCommandTests {
    /// What `huzhu demo demo --members 2000` prints (seed 1), CJK columns lined up: the plans, participation, targets and claims.
    static let golden = """
        Made the demo workspace demo (seed 1): 合肥市总工会, 12 unions under it, 39 grassroots unions, 2,000 members (23 retired, 12 gone, 102 hardship).
        Group enrollments from 2026-03-06 to 2026-09-08 on 31 days (15 units late, after the terms started): 99 batches, 3,930 policies. Business date 2026-12-20.

        Plans, terms from 2026-07-01:
          计划                        每份（元）  期限  参保人数  缴费（元）
          ------------------------------------------------------------------
          ACC 职工意外伤害互助保障         26.00  1 年     1,677   43,602.00
          INP 职工住院医疗互助保障         36.00  1 年     1,259   45,324.00
          FEM 女职工特殊疾病互助保障       50.00  2 年       584   29,200.00
          CI 职工重大疾病互助保障          90.00  3 年       410   36,900.00

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
          市文教工会               377       287   76.1%   17,676.00
          市财贸工会                59        50   84.7%    8,236.00
          燃气集团工会             137       109   79.6%    5,768.00
          四方磷复肥公司工会       114        95   83.3%    7,340.00
          ----------------------------------------------------------
          全市合计               2,383     1,677   70.4%  155,026.00

        Targets 2026 (set 2026-02-27; completion = the lower of members and contributions; at 2026-06-30 49.6% of the year is gone, 时间过半、任务过半):
          单位                目标人数  目标缴费（元）  6月30日完成  时间过半  12月20日完成  达成日期
          ---------------------------------------------------------------------------------------------
          包河区总工会             260       32,425.00        51.3%  达标             98.9%  –
          庐阳区总工会             182       16,123.00        83.8%  达标             98.4%  –
          蜀山区总工会             313       19,267.00        90.1%  达标            100.0%  2026-09-08
          瑶海区总工会             128       18,972.00         3.6%  落后            105.8%  2026-08-04
          肥西县总工会              24        3,501.00       113.6%  达标            113.6%  2026-05-20
          经开区总工会              23        2,477.00        30.4%  落后            106.2%  2026-07-14
          高新区总工会              99       17,094.00         0.0%  落后            102.5%  2026-08-28
          市工交工会                36        2,877.00        85.0%  达标            102.3%  2026-08-11
          市文教工会               265       16,651.00        89.9%  达标            106.2%  2026-07-31
          市财贸工会                45        5,212.00       104.5%  达标            111.1%  2026-06-05
          燃气集团工会              93        4,219.00        98.4%  达标            117.2%  2026-07-23
          四方磷复肥公司工会        84        7,428.00        98.8%  达标             98.8%  –
          ---------------------------------------------------------------------------------------------
          全市合计               1,544      152,032.00        57.7%  达标            102.0%  2026-10-22
        At 2026-06-30: 9 of 12 unions on track, 3 behind; by 2026-12-20 9 have reached their target.

        Claims reported by 2026-12-20: 55 (35 已赔付, 9 已拒赔, 1 已核定, 7 审核中, 3 已报案); 1 waiting more than 30 days at one step.
        Benefits paid 93,124.37 yuan, 12.9 days from report to payout on average.
        Contributions received 135,286.00 yuan in 30 receipts; owed 19,740.00 (0–30 days 2,790.00, 31–90 days 810.00, over 90 days 16,140.00): huzhu report arrears.
        Payout batch of 2026-12-20 (bank/payouts-2026-12-20.csv): 2 payments, 14,704.36 yuan; the bank paid 1; 1 failed, left approved (bank/answer-2026-12-20.csv).
        Books closed through 2026-06: huzhu ledger periods.

        Try next:
          cd demo && huzhu run scripts/jobs/hello.lua

        """

    @Test("prints what it made, the plans, participation by union, the targets and the claims, exactly")
    func golden() throws {
        let scratch = try Scratch()
        let result = try CLI.run(["demo", "demo", "--members", "2000"], in: scratch.url)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout == DemoCommandTests.golden)
        let config = try String(contentsOf: scratch.url.appendingPathComponent("demo/huzhu.toml"), encoding: .utf8)
        #expect(config.contains("today = \"2026-12-20\""))
        #expect(config.contains("operator = \"市总保险办\""))
        #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("demo/scripts/jobs/hello.lua").path))
        // plans.toml is the city's plans: applying it changes nothing.
        let plans = try CLI.run(["plans", "apply", "plans.toml"], in: scratch.url.appendingPathComponent("demo"))
        #expect(plans.status == 0 && plans.stdout == "nothing changed\n")
    }

    @Test("the demo's fund: every policy split by the stock subsidy rule, and benefits paid 60–90% of contributions")
    func plausibleFund() throws {
        let scratch = try Scratch()
        #expect(try CLI.run(["demo", "demo", "--members", "20000"], in: scratch.url).status == 0)
        let folder = scratch.url.appendingPathComponent("demo")
        try scratch.write("demo/fund.lua", """
            local r = huzhu.sql([[
              SELECT COUNT(*) AS policies, SUM(contribution) AS contributions, SUM(splitAdministration) AS administration,
                     SUM(splitUnion) AS union_, SUM(splitMember) AS member,
                     (SELECT COUNT(*) FROM policy p WHERE NOT EXISTS (SELECT 1 FROM decision d WHERE d.kind = 'subsidy'
                        AND d.subjectTable = 'policy' AND d.subjectID = p.id AND d.ruleVersionID IS NOT NULL)) AS undecided,
                     (SELECT SUM(approvedAmount) FROM claim WHERE status = 'paid') AS paid
              FROM policy]])[1]
            print(r.policies > 10000, r.undecided, r.administration > 0, r.union_ > 0, r.member > 0,
                  r.administration + r.union_ + r.member == r.contributions)
            print(r.paid * 100 // r.contributions)
            """)
        let fund = try CLI.run(["run", "fund.lua"], in: folder)
        let lines = fund.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "true\t0\ttrue\ttrue\ttrue\ttrue", "\(fund.stdout)\(fund.stderr)")
        let lossRatio = Int(lines.last ?? "") ?? -1
        #expect((60...90).contains(lossRatio), "benefits paid are \(lossRatio)% of contributions")
        let explained = try CLI.run(["explain", "policy", "777"], in: folder)
        #expect(explained.stdout.contains("decided 2026-") && explained.stdout.contains("by rule subsidy version "),
                "\(explained.stdout)")
        let summary = try CLI.run(["report", "annual-summary"], in: folder)
        #expect(!summary.stdout.contains("行政支持  ¥0.00") && !summary.stdout.contains("工会筹措  ¥0.00"), "\(summary.stdout)")
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

    @Test("with no folder named, typed inside a workspace, it refuses and builds nothing there")
    func refusesInsideAWorkspace() throws {
        let scratch = try Scratch()
        #expect(try CLI.run(["init", "union"], in: scratch.url).status == 0)
        let inside = scratch.url.appendingPathComponent("union/scripts")
        let result = try CLI.run(["demo", "--members", "100"], in: inside)
        let root = scratch.url.appendingPathComponent("union").standardizedFileURL.path
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "huzhu: this folder is inside the workspace \(root); name the folder to make the demo in, "
                + "e.g. huzhu demo ~/huzhu-demo (a demo of 100 members)\n")
        #expect(!FileManager.default.fileExists(atPath: inside.appendingPathComponent("huzhu-demo").path))
        #expect(try CLI.run(["demo", "named", "--members", "100"], in: scratch.url.appendingPathComponent("union")).status == 0)   // a named folder is the user's choice
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
