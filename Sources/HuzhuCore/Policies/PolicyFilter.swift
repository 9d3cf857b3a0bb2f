/// Which policies a listing or a count covers.
///
/// ```swift
/// PolicyFilter(unit: "BH", planCode: "ACC", year: 2012)   // 包河区's accident policies of the 2012 term
/// ```
public struct PolicyFilter: Hashable, Sendable {
    /// A unit whose whole subtree is covered (by enrolling unit); `nil` for all (in scope).
    public var unit: String?
    /// Only this plan; `nil` for any.
    public var planCode: String?
    /// Only terms starting in this calendar year; `nil` for any.
    public var year: Int?
    /// Only this status; `nil` for any.
    public var status: PolicyStatus?
    /// Only this member's policies (resident ID as written); `nil` for all members.
    public var residentID: String?

    /// Creates a filter.
    public init(unit: String? = nil, planCode: String? = nil, year: Int? = nil, status: PolicyStatus? = nil,
                residentID: String? = nil) {
        self.unit = unit
        self.planCode = planCode
        self.year = year
        self.status = status
        self.residentID = residentID
    }
}
