/// Changes to a registered member; `nil` fields stay as they are.
///
/// ```swift
/// var changes = MemberChanges()
/// changes.unitCode = "BH002"
/// changes.phone = .some(nil)     // remove the phone number
/// ```
public struct MemberChanges: Hashable, Sendable {
    /// A new name.
    public var name: String?
    /// A new unit (must be inside the scope).
    public var unitCode: String?
    /// A new phone number as written; `.some(nil)` removes it.
    public var phone: String??
    /// A new hardship flag.
    public var hardship: Bool?

    /// Creates changes.
    public init(name: String? = nil, unitCode: String? = nil, phone: String?? = nil, hardship: Bool? = nil) {
        self.name = name
        self.unitCode = unitCode
        self.phone = phone
        self.hardship = hardship
    }
}
