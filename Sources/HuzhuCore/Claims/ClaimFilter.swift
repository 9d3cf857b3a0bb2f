/// Which claims a listing or a count covers. Unset fields do not filter.
///
/// ```swift
/// ClaimFilter(status: .underReview, unit: "BH", planCode: "INP",
///             from: try CivilDate(parsing: "2012-07-01"), to: try CivilDate(parsing: "2012-12-31"))
/// ```
public struct ClaimFilter: Hashable, Sendable {
    /// Only this status.
    public var status: ClaimStatus?
    /// A unit whose subtree is covered (by the policy's enrolling unit); within the scope.
    public var unit: String?
    /// Only this plan.
    public var planCode: String?
    /// Reported on or after this day.
    public var from: CivilDate?
    /// Reported on or before this day.
    public var to: CivilDate?
    /// Only this policy.
    public var policyID: Int64?
    /// Only this member's claims (resident ID as written).
    public var residentID: String?

    /// Creates a filter.
    public init(status: ClaimStatus? = nil, unit: String? = nil, planCode: String? = nil, from: CivilDate? = nil,
                to: CivilDate? = nil, policyID: Int64? = nil, residentID: String? = nil) {
        self.status = status
        self.unit = unit
        self.planCode = planCode
        self.from = from
        self.to = to
        self.policyID = policyID
        self.residentID = residentID
    }
}
