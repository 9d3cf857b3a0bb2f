import GRDB

/// A unit's annual target (年度目标): members to enroll and contributions to
/// collect in a calendar year, for all plans or for one plan.
///
/// ```swift
/// Target(unitCode: "BH", year: 2026, members: 12_000, contributions: try Money(yuan: "360000"))
/// ```
public struct Target: Hashable, Sendable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "target"
    public var id: Int64?
    /// The unit; its whole subtree's enrollments count toward it.
    public var unitCode: String
    /// The calendar year.
    public var year: Int
    /// One plan's target, or `nil` for all plans together.
    public var planCode: String?
    /// Distinct members to enroll.
    public var members: Int
    /// Contributions to collect, in fen.
    public var contributions: Money
    /// Who set it, and on which business date.
    public var operatorName: String
    public var setOn: CivilDate

    enum CodingKeys: String, CodingKey {
        case id, unitCode, year, planCode, members, contributions, setOn
        case operatorName = "operator"
    }

    /// Creates a target (not yet stored).
    public init(unitCode: String, year: Int, planCode: String? = nil, members: Int, contributions: Money,
                operatorName: String = "", setOn: CivilDate = CivilDate(year: 2000, month: 1, day: 1)!) {
        self.unitCode = unitCode
        self.year = year
        self.planCode = planCode
        self.members = members
        self.contributions = contributions
        self.operatorName = operatorName
        self.setOn = setOn
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
