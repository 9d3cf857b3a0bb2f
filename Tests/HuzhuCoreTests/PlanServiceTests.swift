import GRDB
import Testing
@testable import HuzhuCore

@Suite("Plans and terms")
struct PlanServiceTests {
    let plans = PlanService()
    let context = Fixture.context()

    @Test("collects every problem of a plan")
    func refusesBadPlan() throws {
        let database = try Fixture.city()
        var plan = Plan(code: "ACC", name: "", kind: .accident, pricePerShare: .zero, maxShares: 0, minAge: 60, maxAge: 16,
                        waitingPeriodDays: 30, deductible: Money(fen: -1), paymentRatio: 10_001,
                        perClaimCap: Money(fen: 200), perTermCap: Money(fen: 100),
                        benefits: [BenefitItem(code: "x", name: "X", amount: Money(fen: 1)),
                                   BenefitItem(code: "x", name: "X", amount: Money(fen: 1)),
                                   BenefitItem(code: "y", name: "", amount: Money(fen: 1))],
                        reportWindowDays: 10, lapseWindowDays: 5, groupRule: GroupRule(minimumPercent: 0, smallUnitThreshold: -1))
        plan.exclusiveGroup = ""
        let error = validationError { try database.write { db in try plans.create(db, plan, context: context) } }
        #expect(error?.description == """
            E203 plan ACC: name must be 1–100 characters (got 0)
            E402 plan ACC: plan ACC already exists
            """)
        // The rules belong to a term: every problem of them is named when the term is added.
        let rules = validationError { try database.write { db in
            try plans.addTerm(db, planCode: "ACC", label: "2013", start: Fixture.date("2013-07-01"), years: 1,
                              rules: plan.rules, context: context)
        } }
        #expect(rules?.description == """
            E404 plan ACC: price per share must be more than 0 (got 0.00)
            E405 plan ACC: maximum shares must be 1 or more (got 0)
            E406 plan ACC: age range 60–16 is invalid
            E408 plan ACC: an accident plan has no waiting period (got 30 days)
            E409 plan ACC: deductible must be 0 or more (got -0.01)
            E410 plan ACC: payment ratio must be 0–10000 basis points (got 10001)
            E412 plan ACC: per-claim cap 2.00 exceeds the per-term cap 1.00
            E414 plan ACC: benefit item x appears more than once
            E413 plan ACC: benefit item "y" needs a code, a name and an amount more than 0
            E416 plan ACC: lapse window (5 days) is shorter than the report window (10 days)
            E417 plan ACC: group minimum must be 1–100 percent (got 0)
            E418 plan ACC: small-unit threshold must be 0 or more (got -1)
            """)
        // A first term without rules is refused.
        let first = validationError { try database.write { db in
            try plans.create(db, Plan(code: "NEW", name: "新计划", kind: .inpatient, pricePerShare: Money(fen: 100)), context: context)
            try plans.addTerm(db, planCode: "NEW", label: "2013", start: Fixture.date("2013-07-01"), years: 1, context: context)
        } }
        #expect(first?.description == """
            E427 plan NEW: the first term of plan NEW needs its rules (a price and the rest); later terms may copy an earlier one
            """)
    }

    @Test("stores a plan with its benefit schedule and group rule")
    func storesPlan() throws {
        let database = try Fixture.city()
        let plan = try database.read { db in try plans.plan(db, code: "ACC")! }
        #expect(plan.groupRule == GroupRule(minimumPercent: 50, smallUnitThreshold: 5))
        #expect(plan.ageRangeText == "16–60")
        #expect(try database.read { db in try plans.plans(db).map(\.code) } == ["ACC", "CIA", "CIB", "FEM"])
        #expect(GroupRule(minimumPercent: 50, smallUnitThreshold: 30).required(employees: 31) == 16)  // ⌈15.5⌉
        #expect(GroupRule(minimumPercent: 50, smallUnitThreshold: 30).required(employees: 29) == 29)  // everyone
    }

    @Test("terms run 1, 2 or 3 whole years and do not overlap")
    func terms() throws {
        let database = try Fixture.city()
        let wrongLength = validationError { try database.write { db in
            try plans.addTerm(db, planCode: "ACC", label: "2013", start: Fixture.date("2013-07-01"),
                              end: Fixture.date("2014-07-31"), context: context) } }
        #expect(wrongLength?.description == "E421 plan ACC: a term runs 1, 2 or 3 whole years (2013-07-01 to 2014-07-31 does not)")
        let overlapping = validationError { try database.write { db in
            try plans.addTerm(db, planCode: "ACC", label: "2012", start: Fixture.date("2013-01-01"), years: 1, context: context) } }
        #expect(overlapping?.description == """
            E423 plan ACC: plan ACC already has a term 2012
            E422 plan ACC: overlaps term 2012 (2012-07-01 to 2013-06-30)
            """)
        let unknown = validationError { try database.write { db in
            try plans.addTerm(db, planCode: "NOPE", label: "2012", start: Fixture.date("2012-07-01"), years: 1, context: context) } }
        #expect(unknown?.description == "E419 plan NOPE: unknown plan NOPE")
        let next = try database.write { db in
            try plans.addTerm(db, planCode: "ACC", label: "2013", start: Fixture.date("2013-07-01"), years: 1, context: context)
        }
        #expect(next.endDate.description == "2014-06-30")
        try database.read { (db: Database) throws -> Void in
            #expect(try plans.openTerm(db, planCode: "ACC", on: Fixture.date("2012-06-20"))?.label == "2012")  // next to start
            #expect(try plans.openTerm(db, planCode: "ACC", on: Fixture.date("2013-07-01"))?.label == "2013")
            #expect(try plans.openTerm(db, planCode: "ACC", on: Fixture.date("2014-07-01")) == nil)
        }
    }
}
