/// A unit's score from the appraisal rule: the total and the points per
/// indicator, with the rule's notes (`huzhu.explain`).
public struct AppraisalScore: Hashable, Sendable {
    /// The total, finite and 0 or more, rounded to hundredths (the precision ranks compare).
    public var total: Double
    /// Points per indicator name.
    public var breakdown: [String: Double]
    /// Why the rule scored as it did.
    public var notes: [String]

    /// Creates a score; the total is rounded half away from zero to hundredths.
    public init(total: Double, breakdown: [String: Double] = [:], notes: [String] = []) {
        self.total = (total * 100).rounded() / 100
        self.breakdown = breakdown
        self.notes = notes
    }
}

/// What an appraisal is scored with: the union's rule (in Lua, in the
/// scripting layer) for one as-of date. The core ranks, checks and stores.
public protocol AppraisalRule {
    /// The rule's name (`appraisal`), its version's id (nil for an unregistered candidate) and SHA-256.
    var ruleName: String { get }
    var ruleVersionID: Int64? { get }
    var sha256: String { get }

    /// Scores one unit on its indicators (`fields` is `indicators.fields`,
    /// computed once for the rule and the stored result); the result is
    /// already checked (finite, 0 or more).
    func score(unit: Unit, indicators: Indicators, fields: IndicatorValue, period: AppraisalPeriod, year: Int) throws -> AppraisalScore

    /// The reward in fen for a unit's rank and score; checked (whole fen, 0 or more).
    func reward(rank: Int, of count: Int, score: AppraisalScore, unit: Unit) throws -> Money
}
