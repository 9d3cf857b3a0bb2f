import Foundation
import GRDB
import Testing
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

/// `huzhu.plans.define` and `add_term` (issue 14): the checks of `huzhu plans apply`,
/// money in fen and the ratio in basis points, audit rows, scope, dry run.
@Suite("huzhu.plans.define and add_term")
struct PlansAPITests {
    @Test("define a plan, add a first term with all its rules, then one like it; the terms carry their rules")
    func defineAndAddTerms() throws {
        let f = try ScriptFixture()
        let results = try f.run("""
            huzhu.plans.define{code = "INP", name = "住院医疗", kind = "inpatient"}
            huzhu.plans.add_term{plan = "INP", label = "2026", start = "2026-07-01", years = 1, price = 3600,
                                 waiting_days = 90, deductible = 50000, ratio = 7000, per_term_cap = 5000000,
                                 refund = "pro_rata"}
            local p = huzhu.plans.add_term{plan = "INP", label = "2027", start = "2027-07-01", years = 1, like = "2026",
                                           price = 4000, per_term_cap = false}
            local a, b = p.terms[1], p.terms[2]
            return p.price, a.price, a.ratio, a.refund, b.price, b.deductible, b.per_term_cap == nil, b["end"]
            """, name: "plans.lua")
        #expect(results == [.integer(4000), .integer(3600), .integer(7000), .string("pro_rata"), .integer(4000),
                            .integer(50000), .boolean(true), .string("2028-06-30")])
        let operations = try f.database.read { db in
            try String.fetchAll(db, sql: "SELECT operation || ' ' || COALESCE(scriptName, '-') FROM audit WHERE tableName IN ('plan', 'planTerm') ORDER BY id")
        }
        #expect(operations.suffix(3) == ["createPlan plans.lua", "addPlanTerm plans.lua", "addPlanTerm plans.lua"])
    }

    @Test("refusals: the decoder's and the service's, with the script's line; nothing stays", arguments: [
        ("huzhu.plans.define{code = 'X', name = 'x', kind = 'spa'}",
         "test.lua:1: huzhu.plans.define: plan X: kind: expected one of accident, inpatient, critical_illness, female_disease, other, got \"spa\""),
        ("huzhu.plans.add_term{plan = 'ACC', label = '2027', start = '2027-07-01', years = 1, price = 26.5}",
         "test.lua:1: huzhu.plans.add_term: price: an amount in fen (an integer up to 10000000000) expected, got 26.5"),
        ("huzhu.plans.add_term{plan = 'ACC', label = '2027', start = '2027-07-01', years = 1, like = '2019'}",
         "test.lua:1: huzhu.plans.add_term: plan ACC, term 2027: like: no earlier term \"2019\" of this plan"),
        ("huzhu.plans.add_term{plan = 'NOPE', label = '2027', start = '2027-07-01', years = 1, price = 100}",
         "test.lua:1: E419 plan NOPE: unknown plan NOPE"),
        ("huzhu.plans.add_term{plan = 'ACC', label = '2027', start = '2026-09-01', years = 1, like = '2026'}",
         "test.lua:1: E422 plan ACC: overlaps term 2026 (2026-07-01 to 2027-06-30)"),
        ("huzhu.plans.add_term{plan = 'ACC', label = '2027', start = '2027-07-01', years = 1, like = '2026', waiting_days = 30}",
         "test.lua:1: E408 plan ACC: an accident plan has no waiting period (got 30 days)"),
    ])
    func refusals(source: String, message: String) throws {
        let f = try ScriptFixture()
        let terms = try f.count("planTerm")
        #expect(try f.failure(source)?.message == message)
        #expect(try f.count("planTerm") == terms && f.count("plan") == 2)
    }

    @Test("a term with policies keeps its rules (E428); a scoped run may not set up plans (E251); a dry run leaves nothing")
    func lockedScopedDry() throws {
        let f = try ScriptFixture()
        try f.run("huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}")
        let locked = try f.failure("huzhu.plans.add_term{plan = 'ACC', label = '2026', start = '2026-07-01', years = 1, like = '2026', price = 3000}")
        #expect(locked?.message == "test.lua:1: E428 plan ACC: term 2026 of plan ACC already has 3 policies: its price cannot change (add a new term instead)")
        let scoped = try f.failure("huzhu.plans.define{code = 'CI', name = '重疾', kind = 'critical_illness'}", scope: .unit("BH"))
        #expect(scoped?.message == "test.lua:1: E251 plan CI: applyPlans is a federation operation, refused in a run scoped to BH")
        try f.run("huzhu.plans.define{code = 'CI', name = '重疾', kind = 'critical_illness'}", dryRun: true)
        #expect(try f.count("plan") == 2)
    }
}
