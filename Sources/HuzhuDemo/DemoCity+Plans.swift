import HuzhuCore

// MARK: - The four plans

extension DemoCity {
    /// A plan of the demo with the length of its term in years.
    public struct PlanOffer: Sendable {
        /// The plan.
        public var plan: Plan
        /// The term's length: 1, 2 or 3 years from ``DemoCity/termStart``.
        public var years: Int
    }

    /// The four plans of the demo, with figures from published notices
    /// (see `DOMAIN.md`), each with one term labelled `"2026"` from 2026-07-01:
    ///
    /// | code | plan | per share and term | term | rules |
    /// |------|------|--------------------|------|-------|
    /// | ACC | 职工意外伤害互助保障 | 26 yuan | 1 year | ages 16–60, no waiting period, up to 4 shares, group rule 50% / under 30 everyone, fixed sums 1000 injury with a stay / 10000 disability / 20000 death, 20000 a term |
    /// | INP | 职工住院医疗互助保障 | 36 yuan | 1 year | ages 16–60, 1 share, 90 days' wait, 500 yuan deductible, 70%, caps 50,000 yuan, group rule |
    /// | FEM | 女职工特殊疾病互助保障 | 50 yuan (25 a year) | 2 years | women 16–55, 90 days' wait, fixed sums 6000 / 3000 / 2000 / 1000 |
    /// | CI  | 职工重大疾病互助保障 | 90 yuan (30 a year) | 3 years | ages 16–55, 90 days' wait, fixed sums 3000 mild / 10000 severe |
    public static var planOffers: [PlanOffer] {
        let groupRule = GroupRule(minimumPercent: 50, smallUnitThreshold: 30)
        return [
            PlanOffer(plan: Plan(
                code: "ACC", name: "职工意外伤害互助保障", kind: .accident, pricePerShare: Money(fen: 2_600),
                maxShares: 4, minAge: 16, maxAge: 60, waitingPeriodDays: 0,
                perTermCap: Money(fen: 2_000_000),
                benefits: [
                    BenefitItem(code: "injury", name: "意外伤害住院", amount: Money(fen: 100_000)),
                    BenefitItem(code: "disability", name: "意外伤残", amount: Money(fen: 1_000_000)),
                    BenefitItem(code: "death", name: "意外身故", amount: Money(fen: 2_000_000)),
                ],
                reportWindowDays: 10, lapseWindowDays: 730, groupRule: groupRule), years: 1),
            PlanOffer(plan: Plan(
                code: "INP", name: "职工住院医疗互助保障", kind: .inpatient, pricePerShare: Money(fen: 3_600),
                maxShares: 1, minAge: 16, maxAge: 60, waitingPeriodDays: 90, deductible: Money(fen: 50_000),
                paymentRatio: 7_000, perClaimCap: Money(fen: 5_000_000), perTermCap: Money(fen: 5_000_000),
                reportWindowDays: 10, lapseWindowDays: 730, groupRule: groupRule), years: 1),
            PlanOffer(plan: Plan(
                code: "FEM", name: "女职工特殊疾病互助保障", kind: .femaleDisease, pricePerShare: Money(fen: 5_000),
                maxShares: 1, minAge: 16, maxAge: 55, gender: .female, waitingPeriodDays: 90,
                benefits: [
                    BenefitItem(code: "cancer", name: "女性特殊癌症", amount: Money(fen: 600_000)),
                    BenefitItem(code: "both", name: "子宫及卵巢全部切除", amount: Money(fen: 300_000)),
                    BenefitItem(code: "one", name: "子宫或卵巢切除", amount: Money(fen: 200_000)),
                    BenefitItem(code: "fibroid", name: "子宫肌瘤切除", amount: Money(fen: 100_000)),
                ],
                reportWindowDays: 10, lapseWindowDays: 730), years: 2),
            PlanOffer(plan: Plan(
                code: "CI", name: "职工重大疾病互助保障", kind: .criticalIllness, pricePerShare: Money(fen: 9_000),
                maxShares: 1, minAge: 16, maxAge: 55, waitingPeriodDays: 90,
                benefits: [
                    BenefitItem(code: "mild", name: "轻症", amount: Money(fen: 300_000)),
                    BenefitItem(code: "severe", name: "重症", amount: Money(fen: 1_000_000)),
                ],
                reportWindowDays: 10, lapseWindowDays: 730), years: 3),
        ]
    }
}
