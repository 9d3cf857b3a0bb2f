/// The figures a unit's subtree is judged by over a period: employees and
/// participation, coverage by plan, contributions by payer, claims and how
/// fast they were paid, overdue claims and target completion.
///
/// How each figure is counted (docs/lua-api.md, "Indicators"):
/// - `employees`: the subtree's headcounts for the year of `to`;
/// - `enrolledMembers`: distinct members with a policy (not cancelled)
///   enrolled by `to` in a term starting in `to`'s year — the programme year,
///   as ``Participation`` counts; `coverage` the same per plan;
/// - `participation`: enrolled members ÷ employees, in percent (0 without employees);
/// - `policies`, `contributions`: policies enrolled within the period, not cancelled
///   (by programme year: those of terms starting in `to`'s year enrolled by `to`);
/// - claims: reported within the period; rejected within it; paid within it,
///   with the days from report to payout (average, 90th percentile by nearest rank);
/// - `overdueClaims`: claims that on `to` had waited more than `overdueDays`
///   days at one step (reported, under review, approved and unpaid);
/// - `target`: progress toward the unit's all-plans target of `to`'s year, as of `to`,
///   counting the policies of terms starting that year (``TargetProgress``)
///   (without the date it was reached: `TargetService.progress` has it).
public struct Indicators: Hashable, Sendable {
    /// The subtree's top unit.
    public var unitCode: String
    /// The period, both days included.
    public var from: CivilDate
    public var to: CivilDate
    public var employees: Int
    public var enrolledMembers: Int
    /// Distinct members covered per plan code.
    public var coverage: [String: Int]
    public var policies: Int
    /// Contributions of the period's policies and who pays them.
    public var contributions: Money
    public var split: ContributionSplit
    public var claimsReported: Int
    public var claimsRejected: Int
    public var claimsPaid: Int
    public var amountPaid: Money
    /// Average days from report to payout of the claims paid in the period; `nil` if none.
    public var averageDaysToPay: Double?
    /// 90th percentile (nearest rank) of the same; `nil` if none.
    public var p90DaysToPay: Int?
    public var overdueDays: Int
    public var overdueClaims: Int
    public var target: TargetProgress?

    /// Creates empty figures for a unit and period.
    public init(unitCode: String, from: CivilDate, to: CivilDate, overdueDays: Int) {
        self.unitCode = unitCode
        self.from = from
        self.to = to
        employees = 0
        enrolledMembers = 0
        coverage = [:]
        policies = 0
        contributions = .zero
        split = ContributionSplit(administration: .zero, union: .zero, member: .zero)
        claimsReported = 0
        claimsRejected = 0
        claimsPaid = 0
        amountPaid = .zero
        averageDaysToPay = nil
        p90DaysToPay = nil
        self.overdueDays = overdueDays
        overdueClaims = 0
        target = nil
    }

    /// Enrolled members as a percentage of employees; 0 without employees.
    public var participation: Double {
        employees == 0 ? 0 : Double(enrolledMembers) * 100 / Double(employees)
    }
}
