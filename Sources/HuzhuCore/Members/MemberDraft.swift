/// The fields of a member to register, as text from a clerk, a CSV row or
/// a script: the service parses and checks them all.
///
/// ```swift
/// let draft = MemberDraft(residentID: "11010519491231002X", name: "王芳", unitCode: "BH001",
///                         phone: "13812345678", joinedOn: try CivilDate(parsing: "2010-03-01"))
/// ```
public struct MemberDraft: Hashable, Sendable {
    /// The resident ID as written (18 characters, or 15-digit legacy).
    public var residentID: String
    /// The name, 1–50 characters.
    public var name: String
    /// The unit's code.
    public var unitCode: String
    /// A phone number as written, or `nil`.
    public var phone: String?
    /// Whether the member is a hardship employee (困难职工).
    public var hardship: Bool
    /// The day the member joined the union; `nil` for today (``WriteContext/today``).
    public var joinedOn: CivilDate?
    /// An explicit gender; it must agree with the resident ID.
    public var gender: Gender?
    /// An explicit birth date; it must agree with the resident ID.
    public var birthDate: CivilDate?

    /// Creates a draft.
    public init(residentID: String, name: String, unitCode: String, phone: String? = nil, hardship: Bool = false,
                joinedOn: CivilDate? = nil, gender: Gender? = nil, birthDate: CivilDate? = nil) {
        self.residentID = residentID
        self.name = name
        self.unitCode = unitCode
        self.phone = phone
        self.hardship = hardship
        self.joinedOn = joinedOn
        self.gender = gender
        self.birthDate = birthDate
    }
}
