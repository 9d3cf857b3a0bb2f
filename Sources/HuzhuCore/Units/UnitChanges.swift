/// What ``UnitService/update(_:code:_:context:)`` changes in a unit; a
/// field left `nil` is kept.
///
/// ```swift
/// UnitChanges(name: "包河区总工会（新）")          // rename, keep the office
/// UnitChanges(officeCode: .some(nil))               // no office any more
/// UnitChanges(officeCode: "AG-FX")                  // served by another office
/// ```
public struct UnitChanges: Hashable, Sendable {
    /// The new display name, 1–100 characters; `nil` keeps it.
    public var name: String?
    /// The new office: `nil` keeps it, `.some(nil)` removes it, `.some(code)` names an existing office.
    public var officeCode: String??

    /// Creates a change.
    public init(name: String? = nil, officeCode: String?? = nil) {
        self.name = name
        self.officeCode = officeCode
    }
}
