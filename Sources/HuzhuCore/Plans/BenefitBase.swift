import GRDB

/// Which expense a ratio plan's benefit is a share of.
///
/// Published plans differ: one city pays 13% of the **total** inpatient
/// cost, another 70% of the **self-paid** part (what basic medical
/// insurance left to the member). Fixed-sum plans ignore it.
///
/// ```swift
/// var plan = Plan(code: "INP", name: "住院医疗", kind: .inpatient, pricePerShare: Money(fen: 3600))
/// plan.paymentRatio = 7000
/// plan.benefitBase = .selfPaid     // 70% of the self-paid amount (the default)
/// ```
public enum BenefitBase: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// The part of the bill the member paid after basic medical insurance (个人自付).
    case selfPaid
    /// The whole bill (医疗费用总额).
    case total
}
