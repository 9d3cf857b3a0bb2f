import GRDB

/// The number of employees of a unit in a year: the denominator of the
/// participation rate (参保率) and of the group-enrollment rule. Stored in
/// the `unitHeadcount` table, one row per unit and year.
///
/// The year is the calendar year of a term's start: a term starting
/// 2012-07-01 is checked against the 2012 headcount.
public struct UnitHeadcount: Hashable, Sendable, Codable {
    /// The unit's code.
    public var unitCode: String
    /// The calendar year.
    public var year: Int
    /// The number of employees, 0 or more.
    public var employees: Int

    /// Creates a headcount value; store it with ``UnitService/setHeadcount(_:unitCode:year:employees:context:)``.
    public init(unitCode: String, year: Int, employees: Int) {
        self.unitCode = unitCode
        self.year = year
        self.employees = employees
    }
}

extension UnitHeadcount: FetchableRecord, PersistableRecord {
    /// The table name.
    public static let databaseTableName = "unitHeadcount"

    /// The columns of the `unitHeadcount` table.
    public enum Columns {
        public static let unitCode = Column(CodingKeys.unitCode)
        public static let year = Column(CodingKeys.year)
        public static let employees = Column(CodingKeys.employees)
    }
}
