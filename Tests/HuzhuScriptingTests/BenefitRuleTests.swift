import Foundation
import GRDB
import Testing
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

@Suite("Benefit top-up rules")
struct BenefitRuleTests {
    /// An inpatient plan: 500 yuan deductible, 70% of the self-paid part, at most 2,000 a claim and 3,000 a term.
    func fixture() throws -> ScriptFixture {
        let f = try ScriptFixture()
        try f.database.write { db in
            let services = Services()
            let inpatient = try services.plans.create(db, Plan(code: "INP", name: "住院医疗", kind: .inpatient, pricePerShare: Money(fen: 3600),
                                                   deductible: Money(fen: 50000), paymentRatio: 7000,
                                                   perClaimCap: Money(fen: 200000), perTermCap: Money(fen: 300000)),
                                          context: TinyCity.context())
            _ = try services.plans.addTerm(db, planCode: "INP", label: "2026", start: CivilDate(year: 2026, month: 7, day: 1)!,
                                           years: 1, rules: inpatient.rules, context: TinyCity.context())
        }
        return f
    }

    func activate(_ f: ScriptFixture, _ text: String) throws {
        try f.database.write { db in
            _ = try RuleService().activate(db, name: "benefit", text: text, sha256: ScriptRunner.sha256(text),
                                           effectiveFrom: CivilDate(year: 2000, month: 1, day: 1)!, context: TinyCity.context())
        }
    }

    let claimScript = """
        huzhu.enroll{member = '\(TinyCity.wang)', plan = 'INP'}
        local c = huzhu.claims.report{member = '\(TinyCity.wang)', plan = 'INP', kind = 'illness', incident = '2026-09-30',
                                      admission = '2026-09-30', discharge = '2026-09-30', total = 500000, insurance_paid = 300000,
                                      documents = {'applicationForm', 'idCopy', 'bankCard', 'dischargeSummary', 'settlementSlip', 'invoices'}}
        return huzhu.claims.review(c.id, {approve = true}).approved_amount
        """

    @Test("without a benefit rule the computed benefit is approved")
    func computed() throws {
        let f = try fixture()
        // (2,000.00 self-paid − 500.00 deductible) × 70% = 1,050.00
        #expect(try f.run(claimScript) == [105000])
    }

    @Test("a top-up is capped at the plan's per-claim limit and recorded with the rule's version")
    func toppedUpAndCapped() throws {
        let f = try fixture()
        let rule = """
            function benefit(claim, computed)
              huzhu.explain("double for inpatient stays")
              return computed.amount * 2
            end
            """
        try activate(f, rule)
        #expect(try f.run(claimScript) == [200000])   // 2,100.00 proposed, capped at 2,000.00 a claim
        let row = try #require(try f.database.read { db in
            try Row.fetchOne(db, sql: "SELECT topUpProposed, topUpCapped, topUpRule, topUpRuleSHA256, topUpNote FROM claimReview")
        })
        #expect(row["topUpProposed"] as Int64? == 210000)
        #expect(row["topUpCapped"] as Int64? == 200000)
        #expect(row["topUpRule"] as String? == "rules/benefit.lua")
        #expect(row["topUpRuleSHA256"] as String? == ScriptRunner.sha256(rule))
        #expect(row["topUpNote"] as String? == "double for inpatient stays")
    }

    @Test("a fractional or negative proposal is refused, naming the rule's line")
    func badProposal() throws {
        let f = try fixture()
        try activate(f, "function benefit(claim, computed)\n  return computed.amount / 11\nend\n")
        let error = try f.failure(claimScript, name: "claim.lua")   // the review is on line 5
        // 105000 / 11 = 9545.4545… fen
        #expect(error?.message == "claim.lua:5: rules/benefit.lua:2: benefit() returned 9545.4545454545, not a whole number of fen (use huzhu.round or huzhu.share)")
        #expect(try f.count("claim") == 0)
    }
}
