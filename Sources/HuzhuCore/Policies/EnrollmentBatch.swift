import GRDB

/// A unit's group enrollment in a plan term, as made by
/// ``EnrollmentService/enrollUnit(_:_:context:)``. Stored in the
/// `enrollmentBatch` table; its policies carry its id.
public struct EnrollmentBatch: Hashable, Sendable, Codable {
    /// The row id.
    public var id: Int64?
    /// The unit enrolled (its own members, not its subtree).
    public var unitCode: String
    /// The plan term.
    public var planTermID: Int64
    /// The day of the batch.
    public var enrolledOn: CivilDate
    /// Policies this batch created.
    public var enrolled: Int
    /// The unit's members who already held the term.
    public var alreadyEnrolled: Int
    /// The unit's headcount for the term's year, if recorded.
    public var employees: Int?
    /// The operator.
    public var operatorName: String
    /// The script's name, for a script's batch.
    public var scriptName: String?
    /// The SHA-256 of the script's text, for a script's batch.
    public var scriptSHA256: String?

    enum CodingKeys: String, CodingKey {
        case id, unitCode, planTermID, enrolledOn, enrolled, alreadyEnrolled, employees
        case operatorName = "operator", scriptName, scriptSHA256
    }
}

extension EnrollmentBatch: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "enrollmentBatch"

    /// The columns of the `enrollmentBatch` table.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let unitCode = Column(CodingKeys.unitCode)
        public static let planTermID = Column(CodingKeys.planTermID)
        public static let enrolledOn = Column(CodingKeys.enrolledOn)
        public static let enrolled = Column(CodingKeys.enrolled)
        public static let alreadyEnrolled = Column(CodingKeys.alreadyEnrolled)
        public static let employees = Column(CodingKeys.employees)
        public static let operatorName = Column(CodingKeys.operatorName)
        public static let scriptName = Column(CodingKeys.scriptName)
        public static let scriptSHA256 = Column(CodingKeys.scriptSHA256)
    }

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
