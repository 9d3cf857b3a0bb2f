import Foundation
import GRDB

/// One run of an appraisal for a level (one or more unit kinds), period and year. Re-running
/// supersedes the current run (kept as history); a confirmed year-end run
/// is final and locked.
public struct AppraisalRun: Hashable, Sendable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "appraisalRun"
    public var id: Int64?
    /// The unit kinds appraised together, e.g. `district` or `county,district,industry`.
    public var level: AppraisalLevel
    public var period: AppraisalPeriod
    public var year: Int
    public var asOf: CivilDate
    public var ruleName: String
    public var ruleVersionID: Int64?
    public var ruleSHA256: String
    /// `current`, `superseded` or `confirmed`.
    public var status: String
    /// The business date and the clock time of the run.
    public var ranOn: CivilDate
    public var ranAt: String
    public var operatorName: String
    public var confirmedOn: CivilDate?
    public var confirmedBy: String?

    enum CodingKeys: String, CodingKey {
        case id, level, period, year, asOf, ruleName, ruleVersionID, ruleSHA256, status, ranOn, ranAt, confirmedOn, confirmedBy
        case operatorName = "operator"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One unit's place in an appraisal run.
public struct AppraisalResult: Hashable, Sendable {
    public var unit: Unit
    /// 1 for the best; equal scores share a rank and the next rank is skipped (1, 2, 2, 4).
    public var rank: Int
    public var score: AppraisalScore
    /// The reward in fen (union money, entered in the reward register when the final appraisal is confirmed).
    public var reward: Money
    /// The figures the unit was scored on.
    public var indicators: IndicatorValue
}

/// A stored run with its results in rank order.
public struct AppraisalOutcome: Sendable {
    public var run: AppraisalRun
    public var results: [AppraisalResult]
    /// The run this one superseded, if any.
    public var superseded: Int64?
}
