import GRDB

/// A union member (会员): an employee of a unit, identified by resident ID.
/// Stored in the `member` table.
///
/// Gender and birth date are always those encoded in the resident ID.
/// Status dates: a retired member has ``retiredOn``; a member who left has
/// ``leftOn`` (and keeps ``retiredOn`` if they retired first); an active
/// member has neither.
///
/// Register members with ``MemberService/register(_:_:context:)``.
public struct Member: Hashable, Sendable, Codable {
    /// The row id (stable; used as the key of policies and audit rows).
    public var id: Int64?
    /// The resident ID, unique.
    public var residentID: ResidentID
    /// The name, 1–50 characters.
    public var name: String
    /// From the resident ID.
    public var gender: Gender
    /// From the resident ID.
    public var birthDate: CivilDate
    /// The code of the member's unit.
    public var unitCode: String
    /// A mobile or landline number, normalised.
    public var phone: Phone?
    /// Whether the member is a hardship employee (困难职工).
    public var hardship: Bool
    /// Working, retired, left or deceased.
    public var status: MemberStatus
    /// The day the member joined the union (入会日期).
    public var joinedOn: CivilDate
    /// The day the member retired, if they did.
    public var retiredOn: CivilDate?
    /// The day the member left or died, if they did.
    public var leftOn: CivilDate?

    /// Creates a member value; prefer ``MemberService/register(_:_:context:)``, which validates.
    public init(id: Int64? = nil, residentID: ResidentID, name: String, unitCode: String, phone: Phone? = nil,
                hardship: Bool = false, status: MemberStatus = .active, joinedOn: CivilDate,
                retiredOn: CivilDate? = nil, leftOn: CivilDate? = nil) {
        self.id = id
        self.residentID = residentID
        self.name = name
        self.gender = residentID.gender
        self.birthDate = residentID.birthDate
        self.unitCode = unitCode
        self.phone = phone
        self.hardship = hardship
        self.status = status
        self.joinedOn = joinedOn
        self.retiredOn = retiredOn
        self.leftOn = leftOn
    }

    /// Age in whole years on a date.
    public func age(on date: CivilDate) -> Int {
        birthDate.age(on: date)
    }
}

extension Member: FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "member"

    /// The columns of the `member` table.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let residentID = Column(CodingKeys.residentID)
        public static let name = Column(CodingKeys.name)
        public static let gender = Column(CodingKeys.gender)
        public static let birthDate = Column(CodingKeys.birthDate)
        public static let unitCode = Column(CodingKeys.unitCode)
        public static let phone = Column(CodingKeys.phone)
        public static let hardship = Column(CodingKeys.hardship)
        public static let status = Column(CodingKeys.status)
        public static let joinedOn = Column(CodingKeys.joinedOn)
        public static let retiredOn = Column(CodingKeys.retiredOn)
        public static let leftOn = Column(CodingKeys.leftOn)
    }

    /// Takes the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
