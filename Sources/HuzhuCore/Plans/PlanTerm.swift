import GRDB

/// One term of a plan: the period a contribution covers, 1, 2 or 3 whole
/// years from a common start date (e.g. 2012-07-01 to 2013-06-30), and the
/// rules its policies are sold and paid under (``PlanRules``, stored as
/// JSON in the `rules` column). Stored in the `planTerm` table.
///
/// The ``year`` is the calendar year of the start date; reports and the
/// group rule's headcount use it.
public struct PlanTerm: Hashable, Sendable, Codable {
    /// The row id.
    public var id: Int64?
    /// The plan's code.
    public var planCode: String
    /// A label unique within the plan, e.g. `"2012"`.
    public var label: String
    /// The first covered day.
    public var startDate: CivilDate
    /// The last covered day.
    public var endDate: CivilDate
    /// The calendar year of ``startDate``.
    public var year: Int
    /// What the term sells and pays.
    public var rules: PlanRules

    /// Creates a term value; prefer ``PlanService/addTerm(_:planCode:label:start:years:rules:context:)``.
    public init(id: Int64? = nil, planCode: String, label: String, startDate: CivilDate, endDate: CivilDate,
                rules: PlanRules) {
        self.id = id
        self.planCode = planCode
        self.label = label
        self.startDate = startDate
        self.endDate = endDate
        self.year = startDate.year
        self.rules = rules
    }

    /// Whether a day is inside the term.
    public func contains(_ date: CivilDate) -> Bool {
        startDate <= date && date <= endDate
    }

    /// Whether two terms share at least one day.
    public func overlaps(_ other: PlanTerm) -> Bool {
        startDate <= other.endDate && other.startDate <= endDate
    }
}

extension PlanTerm: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "planTerm"

    /// The columns of the `planTerm` table.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let planCode = Column(CodingKeys.planCode)
        public static let label = Column(CodingKeys.label)
        public static let startDate = Column(CodingKeys.startDate)
        public static let endDate = Column(CodingKeys.endDate)
        public static let year = Column(CodingKeys.year)
        public static let rules = Column(CodingKeys.rules)
    }

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
