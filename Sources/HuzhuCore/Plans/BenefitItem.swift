/// One fixed sum a plan pays, e.g. 6,000 yuan for a cancer under a
/// female-disease plan.
///
/// ```swift
/// BenefitItem(code: "cancer", name: "恶性肿瘤", amount: Money(fen: 600_000))
/// ```
public struct BenefitItem: Hashable, Sendable, Codable {
    /// A code unique within the plan.
    public var code: String
    /// What it pays for.
    public var name: String
    /// The sum paid, more than 0.
    public var amount: Money

    /// Creates an item.
    public init(code: String, name: String, amount: Money) {
        self.code = code
        self.name = name
        self.amount = amount
    }
}
