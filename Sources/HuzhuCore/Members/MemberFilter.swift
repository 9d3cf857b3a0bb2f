/// Which members a listing or a count covers.
///
/// ```swift
/// MemberFilter(unit: "BH", status: .active, hardship: true)   // active hardship members of 包河区
/// ```
public struct MemberFilter: Hashable, Sendable {
    /// A unit whose whole subtree is covered; `nil` for all units (in scope).
    public var unit: String?
    /// Only members with this status; `nil` for any.
    public var status: MemberStatus?
    /// Only hardship (`true`) or other (`false`) members; `nil` for both.
    public var hardship: Bool?

    /// Creates a filter.
    public init(unit: String? = nil, status: MemberStatus? = nil, hardship: Bool? = nil) {
        self.unit = unit
        self.status = status
        self.hardship = hardship
    }
}
