import Testing
@testable import HuzhuCore

@Suite("A term's rules: refunds on cancellation, fields named for a refusal")
struct PlanRulesTests {
    let start = Fixture.date("2026-01-01"), end = Fixture.date("2026-12-31")

    @Test("refund: full before the cover starts (unless none), then nothing or the unexpired days' share, rounded down")
    func refunds() {
        let paid = Money(fen: 3650)
        func refund(_ rule: RefundRule, _ day: String) -> Money {
            rule.amount(contribution: paid, start: start, end: end, cancelledOn: Fixture.date(day))
        }
        #expect(refund(.beforeStart, "2025-12-31") == paid && refund(.beforeStart, "2026-01-01") == .zero)
        #expect(refund(.none, "2025-12-31") == .zero && refund(.none, "2026-06-01") == .zero)
        #expect(refund(.proRata, "2025-12-31") == paid)
        #expect(refund(.proRata, "2026-01-01") == Money(fen: 3640))   // 364 of 365 days unexpired
        #expect(refund(.proRata, "2026-07-02") == Money(fen: 1820))   // 182 days
        #expect(refund(.proRata, "2026-12-31") == .zero)
        #expect(RefundRule.proRata.amount(contribution: Money(fen: 100), start: start, end: end,
                                          cancelledOn: Fixture.date("2026-12-30")) == .zero)   // 0.27 fen rounds down
    }

    @Test("differences name the fields by their plans.toml names, percent without trailing zeros")
    func differences() {
        let rules = PlanRules(pricePerShare: Money(fen: 3600), paymentRatio: 7000)
        var other = rules
        other.pricePerShare = Money(fen: 4000)
        other.paymentRatio = 1250
        other.refund = .proRata
        #expect(other.differences(from: rules) == ["price", "ratio", "refund"])
        #expect(rules.differences(from: rules).isEmpty)
        #expect([7000, 1250, 1234, 5, 0].map(PlanRulesFields.percent) == ["70", "12.5", "12.34", "0.05", "0"])
    }
}
