import GRDB
import Testing
@testable import HuzhuCore

@Suite("Rules belong to the term: a workspace made before keeps every plan's rules in its terms")
struct TermRulesMigrationTests {
    @Test("each term gets its plan's rules; the plan keeps code, name, kind and exclusive group; doctor is clean")
    func migratesRules() throws {
        let queue = try DatabaseQueue(configuration: HuzhuDatabase.configuration())
        try Schema.migrator.migrate(queue, upTo: "createAppraisals")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO plan (code, name, kind, pricePerShare, maxShares, minAge, maxAge, gender, waitingPeriodDays,
                                  deductible, paymentRatio, perClaimCap, perTermCap, benefits, reportWindowDays,
                                  lapseWindowDays, exclusiveGroup, groupMinimumPercent, groupSmallUnitThreshold, benefitBase)
                VALUES ('INP', '住院医疗', 'inpatient', 3600, 2, 16, 60, NULL, 90, 50000, 7000, 2000000, 5000000, '[]', 10, 730,
                        NULL, 50, 30, 'total'),
                       ('FEM', '女职工特殊疾病', 'femaleDisease', 2500, 1, NULL, NULL, 'female', 30, 0, 10000, NULL, NULL,
                        '[{"code":"cancer","name":"恶性肿瘤","amount":600000}]', 10, 730, 'F', NULL, NULL, 'selfPaid');
                INSERT INTO planTerm (planCode, label, startDate, endDate, year) VALUES
                    ('INP', '2025', '2025-07-01', '2026-06-30', 2025), ('INP', '2026', '2026-07-01', '2027-06-30', 2026),
                    ('FEM', '2026', '2026-07-01', '2028-06-30', 2026);
                """)
        }
        let database = try HuzhuDatabase(writer: queue)
        try database.read { db in
            let terms = try PlanTerm.order(PlanTerm.Columns.id).fetchAll(db)
            let inpatient = PlanRules(pricePerShare: Money(fen: 3600), maxShares: 2, minAge: 16, maxAge: 60, waitingPeriodDays: 90,
                                      deductible: Money(fen: 50_000), paymentRatio: 7000, perClaimCap: Money(fen: 2_000_000),
                                      perTermCap: Money(fen: 5_000_000), groupRule: GroupRule(minimumPercent: 50, smallUnitThreshold: 30),
                                      benefitBase: .total)
            #expect(terms[0].rules == inpatient && terms[1].rules == inpatient)
            #expect(terms[0].rules.refund == .beforeStart && terms[0].rules.leaving == .keepToTermEnd)
            #expect(terms[2].rules == PlanRules(pricePerShare: Money(fen: 2500), gender: .female, waitingPeriodDays: 30,
                                                benefits: [BenefitItem(code: "cancer", name: "恶性肿瘤", amount: Money(fen: 600_000))]))
            let columns = try db.columns(in: "plan").map(\.name)
            #expect(columns == ["code", "name", "kind", "exclusiveGroup"])
            let fem = try PlanService().plan(db, code: "FEM")
            #expect(fem?.exclusiveGroup == "F" && fem?.gender == .female && fem?.benefits.count == 1)
        }
    }

    @Test("a claim on a 2026 policy is paid by the 2026 term's rules after a 2027 term with other rules is added")
    func claimUsesItsTerm() throws {
        let city = try ClaimCity()
        try city.database.write { db in
            var rules = try #require(try PlanService().term(db, planCode: "INP", label: "2012")).rules
            rules.paymentRatio = 9000
            rules.deductible = .zero
            try PlanService().addTerm(db, planCode: "INP", label: "2013", start: Fixture.date("2013-07-01"), years: 1,
                                      rules: rules, context: Fixture.context())
        }
        // (4,000.00 − 500.00) × 70% by the 2012 term, not 4,000.00 × 90% by the 2013 one.
        let claim = try city.approved(city.inpatient())
        #expect(claim.approvedAmount == Money(fen: 245_000))
        let latest = try city.database.read { db in try PlanService().plan(db, code: "INP") }
        #expect(latest?.paymentRatio == 9000)
    }
}
