import GRDB
import Testing
@testable import HuzhuCore

@Suite("plans.toml: parse, check field by field, apply, export")
struct PlansFileTests {
    let context = Fixture.context(operator: "plans")

    static let file = """
        [[plan]]
        code = "INP"
        name = "住院医疗"
        kind = "inpatient"

        [[plan.term]]
        label = "2013"
        start = 2013-07-01
        years = 1
        price = 36.00
        waiting_days = 30
        deductible = 500
        ratio = 70
        per_claim_cap = 20000.00
        per_term_cap = 50000.00
        refund = "pro_rata"

        [[plan.term]]
        label = "2014"
        start = 2014-07-01
        years = 1
        like = "2013"
        price = 40.5
        per_claim_cap = false
        """

    @Test("a term like an earlier one changes only what it names; money is exact, the ratio in percent")
    func parses() throws {
        let plans = try PlansFile.parse(Self.file, file: "plans.toml")
        #expect(plans.count == 1 && plans[0].plan.code == "INP" && plans[0].plan.kind == .inpatient)
        let (first, second) = (plans[0].terms[0].rules, plans[0].terms[1].rules)
        #expect(first.pricePerShare == Money(fen: 3600) && first.deductible == Money(fen: 50_000) && first.paymentRatio == 7000)
        #expect(first.refund == .proRata && first.perClaimCap == Money(fen: 2_000_000))
        #expect(second.pricePerShare == Money(fen: 4050) && second.perClaimCap == nil && second.waitingPeriodDays == 30)
        #expect(second.differences(from: first) == ["price", "per_claim_cap"])
        #expect(plans[0].terms[1].end == Fixture.date("2015-06-30"))
    }

    @Test("every problem is named with file, plan, term and field; nothing is applied")
    func refusesBadFile() {
        let text = """
            [[plan]]
            code = "ACC"
            name = "意外"
            kind = "accidental"
            colour = "red"

            [[plan.term]]
            label = "2013"
            start = 2013-07-01
            years = 4
            price = 26.001
            ratio = "seventy"
            refund = "sometimes"

            [[plan.term]]
            label = "2014"
            start = "2014-7-1"
            years = 1
            like = "2012"
            """
        let error = validationError { try PlansFile.parse(text, file: "p.toml") }
        #expect(error?.description == """
            E430 file p.toml: plan ACC: unknown field colour
            E430 file p.toml: plan ACC: kind: expected one of accident, inpatient, critical_illness, female_disease, other, got "accidental"
            E430 file p.toml: plan ACC, term 2013: years: expected 1, 2 or 3, got 4
            E430 file p.toml: plan ACC, term 2013: price: expected an amount in yuan such as 36 or 36.50 (at most 2 decimals, at most 100000000), got the number 26.001
            E430 file p.toml: plan ACC, term 2013: ratio: expected a percentage such as 70 or 12.5, got the text "seventy"
            E430 file p.toml: plan ACC, term 2013: refund: expected "before_start", "none" or "pro_rata", got the text "sometimes"
            E430 file p.toml: plan ACC, term 2014: start: expected a date YYYY-MM-DD, got "2014-7-1"
            E430 file p.toml: plan ACC, term 2014: like: no earlier term "2012" of this plan
            """)
        let syntax = validationError { try PlansFile.parse("[[plan]]\ncode = ", file: "p.toml") }
        #expect(syntax?.description.hasPrefix("E430 file p.toml: line 2, column") == true)
    }

    @Test("apply creates, then changes nothing; a term with policies keeps its rules, naming each field")
    func applies() throws {
        let database = try Fixture.city()
        let plans = try PlansFile.parse(Self.file, file: "plans.toml")
        let first = try database.write { db in try PlanService().apply(db, plans, context: context) }
        #expect(first == ["created plan INP 住院医疗 (inpatient)", "added term INP 2013 (2013-07-01 to 2014-06-30), price 36.00",
                          "added term INP 2014 (2014-07-01 to 2015-06-30), price 40.50"])
        #expect(try database.write { db in try PlanService().apply(db, plans, context: context) }.isEmpty)
        // Export → apply is a no-op.
        let exported = try database.read { db in PlansFile.render(try PlanService().definitions(db)) }
        let again = try PlansFile.parse(exported, file: "export.toml")
        #expect(try database.write { db in try PlanService().apply(db, again, context: context) }.isEmpty)
        // The ACC term 2012 of the fixture has policies once someone enrols; change its price and ratio.
        _ = try database.write { db in
            let id = Fixture.residentID(birth: "19800101", sequence: 1)
            try Fixture.member(db, id)
            return try EnrollmentService().enroll(db, EnrollmentRequest(residentID: id, planCode: "ACC"),
                                                  context: Fixture.context())
        }
        var acc = try database.read { db in try PlanService().definitions(db, code: "ACC") }
        acc[0].terms[0].rules.pricePerShare = Money(fen: 3000)
        acc[0].terms[0].rules.paymentRatio = 9000
        acc[0].plan.name = "意外伤害（新）"
        let before = try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit")! }
        let refused = validationError { try database.write { db in try PlanService().apply(db, acc, context: context) } }
        #expect(refused?.description == """
            E428 plan ACC: term 2012 of plan ACC already has 1 policies: its price cannot change (add a new term instead)
            E428 plan ACC: term 2012 of plan ACC already has 1 policies: its ratio cannot change (add a new term instead)
            """)
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit")! } == before)
        #expect(try database.read { db in try PlanService().plan(db, code: "ACC")!.name } == "意外伤害")
        // A term without policies may change; the plan may be renamed; both audited.
        acc[0].terms[0].rules = try database.read { db in try PlanService().term(db, planCode: "ACC", label: "2012")!.rules }
        acc[0].terms.append(TermDefinition(label: "2013", start: Fixture.date("2013-07-01"), end: Fixture.date("2014-06-30"),
                                           rules: PlanRules(pricePerShare: Money(fen: 3000))))
        #expect(try database.write { db in try PlanService().apply(db, acc, context: context) } == [
            "changed plan ACC: name", "added term ACC 2013 (2013-07-01 to 2014-06-30), price 30.00",
        ])
        acc[0].terms[1].rules.pricePerShare = Money(fen: 3200)
        #expect(try database.write { db in try PlanService().apply(db, acc, context: context) } == ["changed term ACC 2013: price"])
        let operations = try database.read { db in
            try String.fetchAll(db, sql: "SELECT operation FROM audit WHERE operator = 'plans' ORDER BY id")
        }
        #expect(operations.suffix(3) == ["updatePlan", "addPlanTerm", "updatePlanTerm"])
    }

    @Test("a scoped caller may not apply plans (E251); the standard plans.toml applies as written")
    func scopedAndStandard() throws {
        let database = try HuzhuDatabase.inMemory()
        let plans = try PlansFile.parse(StandardPlans.text(today: Fixture.date("2026-03-01")), file: "plans.toml")
        #expect(plans.map(\.plan.code) == ["ACC", "INP", "FEM", "CI"])
        #expect(plans.allSatisfy { $0.terms.count == 1 && $0.terms[0].start == Fixture.date("2025-07-01") })
        let scoped = validationError { try database.write { db in try PlanService(scope: .unit("BH")).apply(db, plans, context: context) } }
        #expect(scoped?.description == "E251 plan ACC: applyPlans is a federation operation, refused in a run scoped to BH")
        let applied = try database.write { db in try PlanService().apply(db, plans, context: context) }
        #expect(applied.count == 8 && applied[1] == "added term ACC 2025 (2025-07-01 to 2026-06-30), price 26.00")
        let inpatient = try database.read { db in try PlanService().plan(db, code: "INP")! }
        #expect(inpatient.deductible == Money(fen: 50_000) && inpatient.paymentRatio == 7000 && inpatient.waitingPeriodDays == 90)
    }
}
