import GRDB

/// A plan limit that reduced a benefit.
public enum BenefitCap: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// The most paid for one claim.
    case perClaim
    /// What is left of the most paid in one term.
    case perTerm
}

/// How a benefit was computed, step by step, so it can be explained later
/// (``explanation``) and kept with the approval.
///
/// ```swift
/// // 70% of the self-paid 4,000.00 after a 500.00 deductible, per-claim cap 2,000.00:
/// breakdown.base        // 4000.00
/// breakdown.beforeCaps  // 2450.00 = (4000.00 − 500.00) × 70%
/// breakdown.capApplied  // .perClaim
/// breakdown.amount      // 2000.00
/// ```
public struct BenefitBreakdown: Hashable, Sendable {
    /// How the plan pays.
    public enum Method: String, Hashable, Sendable {
        /// A fixed sum per benefit item (× shares).
        case fixedSchedule
        /// A share of an expense above a deductible.
        case ratio
    }

    /// How the plan pays.
    public var method: Method
    /// The benefit item, for a fixed schedule.
    public var benefitItemCode: String?
    /// The policy's shares; fixed sums and caps are per share.
    public var shares: Int
    /// Fixed: the item's sum × shares. Ratio: the expense the plan's ratio applies to.
    public var base: Money
    /// Ratio: which expense ``base`` is.
    public var baseKind: BenefitBase?
    /// Ratio: the plan's deductible (per claim); 0 for fixed sums.
    public var deductible: Money
    /// Ratio: the share paid in basis points; 10,000 for fixed sums.
    public var paymentRatio: Int
    /// (base − deductible, not below 0) × ratio, half-up to the fen.
    public var beforeCaps: Money
    /// The per-claim cap × shares, if the plan has one.
    public var perClaimCap: Money?
    /// The per-term cap × shares, if the plan has one.
    public var perTermCap: Money?
    /// What other approved or paid claims of the member in the same term already take.
    public var usedInTerm: Money
    /// The cap that reduced the benefit, if one did.
    public var capApplied: BenefitCap?
    /// The first day of the member's continuous cover in the plan.
    public var coverStart: CivilDate
    /// The plan's waiting period.
    public var waitingPeriodDays: Int
    /// The first day claims are paid: cover start + waiting period.
    public var coveredFrom: CivilDate
    /// Whether the incident fell in the waiting period (then the amount is 0).
    public var inWaitingPeriod: Bool
    /// The benefit.
    public var amount: Money

    /// What is left of the per-term cap before this claim, if the plan has one.
    public var remainingInTerm: Money? {
        perTermCap.map { Money(fen: max(0, $0.fen - usedInTerm.fen)) }
    }

    /// The computation in words, one step a line.
    ///
    /// ```
    /// self-paid 4000.00 − deductible 500.00 = 3500.00
    /// × 70.00% = 2450.00
    /// per-claim cap 2000.00 → 2000.00
    /// ```
    public var explanation: [String] {
        var lines: [String] = []
        if inWaitingPeriod {
            return ["incident before \(coveredFrom) (waiting period of \(waitingPeriodDays) days from \(coverStart)) → 0.00"]
        }
        switch method {
        case .fixedSchedule:
            lines.append("fixed sum for \(benefitItemCode ?? "?") × \(shares) share(s) = \(base)")
        case .ratio:
            let net = Money(fen: max(0, base.fen - deductible.fen))
            lines.append("\(baseKind == .total ? "total" : "self-paid") \(base) − deductible \(deductible) = \(net)")
            let percent = "\(paymentRatio / 100).\(CivilDate.pad(paymentRatio % 100, 2))%"
            lines.append("× \(percent) = \(beforeCaps)")
        }
        switch capApplied {
        case .perClaim?: lines.append("per-claim cap \(perClaimCap!) → \(amount)")
        case .perTerm?: lines.append("per-term cap \(perTermCap!) less \(usedInTerm) already used → \(amount)")
        case nil: break
        }
        return lines
    }
}
