import Foundation
import GRDB
import Testing
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

/// What a run scoped to 包河区 (BH) may do for the federation: nothing
/// (E251), and for its own unit or those above it: no targets or budgets
/// (E252); units strictly inside BH it may give targets and budgets.
/// docs/security.md states the rule.
@Suite("Federation operations in a scoped run")
struct FederationOperationTests {
    static func fixture() throws -> ScriptFixture {
        let f = try ScriptFixture()
        try f.activateAppraisal(try ScriptFixture.stockAppraisal)
        try f.enrollForAppraisal()
        return f
    }

    @Test("a scoped run cannot run or confirm an appraisal; the federation's ranking stays as it was")
    func appraisalRefused() throws {
        let f = try Self.fixture()
        try f.run("huzhu.appraisal.run{level = 'district', period = 'H1', year = 2026}")
        let before = try f.database.read { db in try Row.fetchAll(db, sql: "SELECT id, status FROM appraisalRun ORDER BY id") }
        let h1 = try f.failure("huzhu.appraisal.run{level = 'district', period = 'H1', year = 2026}", scope: .unit("BH"))
        #expect(h1?.message == "test.lua:1: E251 level district: runAppraisal is a federation operation, refused in a run scoped to BH")
        let year = try f.failure("huzhu.appraisal.run{level = 'district', period = 'YEAR', year = 2026, confirm = true}", scope: .unit("BH"))
        #expect(year?.message == "test.lua:1: E251 level district: confirmAppraisal is a federation operation, refused in a run scoped to BH")
        let after = try f.database.read { db in try Row.fetchAll(db, sql: "SELECT id, status FROM appraisalRun ORDER BY id") }
        #expect(after == before)
        #expect(try f.count("reward") == 0)
    }

    @Test("the refusal comes first: a scoped run without an appraisal rule in force is told E251, not to activate one")
    func refusalBeforeRule() throws {
        let f = try ScriptFixture()
        let error = try f.failure("huzhu.appraisal.run{level = 'district', period = 'H1', year = 2026}", scope: .unit("BH"))
        #expect(error?.message == "test.lua:1: E251 level district: runAppraisal is a federation operation, refused in a run scoped to BH")
    }

    @Test("budgets and rewards outside the scope are invisible to a scoped run, like every other read")
    func budgetsAndRewardsScoped() throws {
        let f = try Self.fixture()
        try f.run("""
            huzhu.units.set_budget('FED', 2026, 9999900)
            huzhu.units.set_budget('LY', 2026, 123400)
            huzhu.units.set_budget('BH001', 2026, 7800)
            huzhu.appraisal.run{level = 'district', period = 'YEAR', year = 2026, confirm = true}
            """)
        let results = try f.run("""
            local ly, fed, bh001 = huzhu.units.budget('LY001', 2026), huzhu.units.budget('BH', 2026), huzhu.units.budget('BH001', 2026)
            local units = {}
            for _, r in ipairs(huzhu.appraisal.rewards(2026)) do units[#units + 1] = r.unit end
            return ly == nil, fed == nil, bh001 and bh001.amount, table.concat(units, ',')
            """, scope: .unit("BH"))
        // LY001's budget is LY's, outside BH; BH's is FED's, above it (its use sums the whole federation);
        // BH001's own is inside. Of the rewards, BH's only (LY's is another district's).
        #expect(results == [true, true, 7800, "BH"])
        let everything = try f.run("return huzhu.units.budget('LY001', 2026).amount, #huzhu.appraisal.rewards(2026)")
        #expect(everything == [123400, 2])
    }

    @Test("a scoped run may read the appraisal results of its subtree")
    func appraisalReadable() throws {
        let f = try Self.fixture()
        try f.run("huzhu.appraisal.run{level = 'district', period = 'H1', year = 2026}")
        let results = try f.run("""
            local r = huzhu.appraisal.results{level = 'district', period = 'H1', year = 2026}
            return #r, r[1].unit
            """, scope: .unit("BH"))
        #expect(results == [1, "BH"])
    }

    @Test("targets: refused for the scope's own unit and above it, allowed strictly inside, E250 outside")
    func targets() throws {
        let f = try Self.fixture()
        let own = try f.failure("huzhu.targets.set{unit = 'BH', year = 2026, members = 9, contributions = 100}", scope: .unit("BH"))
        #expect(own?.message == "test.lua:1: E252 unit BH: setTarget of the scope's own unit or a unit above it is for the unions above BH; a run scoped to BH may do it for units inside BH only")
        let above = try f.failure("huzhu.targets.set{unit = 'FED', year = 2026, members = 9, contributions = 100}", scope: .unit("BH"))
        #expect(above?.message.hasPrefix("test.lua:1: E252 unit FED: setTarget of the scope's own unit") == true)
        let outside = try f.failure("huzhu.targets.set{unit = 'LY', year = 2026, members = 9, contributions = 100}", scope: .unit("BH"))
        #expect(outside?.message.hasPrefix("test.lua:1: E250 ") == true)
        try f.run("huzhu.targets.set{unit = 'BH001', year = 2026, members = 3, contributions = 7800}", scope: .unit("BH"))
        let stored = try f.database.read { db in
            try Row.fetchAll(db, sql: "SELECT unitCode, members FROM target ORDER BY unitCode").map { "\($0[0] as String):\($0[1] as Int)" }
        }
        #expect(stored == ["BH:3", "BH001:3"])   // BH's own target as the federation set it
    }

    @Test("budgets: refused for the scope's own unit and above it, allowed strictly inside")
    func budgets() throws {
        let f = try Self.fixture()
        let own = try f.failure("huzhu.units.set_budget('BH', 2026, 100000)", scope: .unit("BH"))
        #expect(own?.message == "test.lua:1: E252 unit BH: setSubsidyBudget of the scope's own unit or a unit above it is for the unions above BH; a run scoped to BH may do it for units inside BH only")
        let above = try f.failure("huzhu.units.set_budget('FED', 2026, 100000)", scope: .unit("BH"))
        #expect(above?.message.hasPrefix("test.lua:1: E252 unit FED: ") == true)
        try f.run("huzhu.units.set_budget('BH001', 2026, 5000)", scope: .unit("BH"))
        #expect(try f.count("subsidyBudget") == 1)
    }

    @Test("plans, terms, offices and rule activation are federation set-up, refused in a scoped run")
    func setUpRefused() throws {
        let f = try Self.fixture()
        let scoped = Services(scope: .unit("BH"))
        let context = TinyCity.context()
        try f.database.write { db in
            let plan = #expect(throws: HuzhuCore.ValidationError.self) {
                try scoped.plans.create(db, Plan(code: "CRI", name: "重大疾病", kind: .criticalIllness, pricePerShare: Money(fen: 5000)),
                                        context: context)
            }
            #expect(plan?.description == "E251 plan CRI: createPlan is a federation operation, refused in a run scoped to BH")
            let term = #expect(throws: HuzhuCore.ValidationError.self) {
                try scoped.plans.addTerm(db, planCode: "ACC", label: "2027", start: CivilDate(year: 2027, month: 7, day: 1)!,
                                         years: 1, context: context)
            }
            #expect(term?.description == "E251 plan ACC: addPlanTerm is a federation operation, refused in a run scoped to BH")
            let office = #expect(throws: HuzhuCore.ValidationError.self) {
                try scoped.units.createOffice(db, Office(code: "BHO", name: "包河代办处", kind: .agency), context: context)
            }
            #expect(office?.description == "E251 code BHO: createOffice is a federation operation, refused in a run scoped to BH")
            let rule = #expect(throws: HuzhuCore.ValidationError.self) {
                try scoped.rules.activate(db, name: "subsidy", text: "return {}", sha256: String(repeating: "0", count: 64),
                                          effectiveFrom: TinyCity.today, context: context)
            }
            #expect(rule?.description == "E251 name subsidy: activateRule is a federation operation, refused in a run scoped to BH")
            let budget = #expect(throws: HuzhuCore.ValidationError.self) {
                try scoped.budgets.set(db, unitCode: "LY001", year: 2026, amount: Money(fen: 100), context: context)
            }
            #expect(budget?.description == "E250 unit LY001: unit LY001 is outside the scope BH")
        }
        #expect(try f.count("plan") == 2)
        #expect(try f.count("planTerm") == 2)
        #expect(try f.count("office") == 1)
        #expect(try f.count("ruleVersion") == 1)   // the appraisal rule only
        #expect(try f.count("subsidyBudget") == 0)
    }
}
