/// How far a unit is toward its annual target on a date, and whether it
/// keeps pace with the calendar: "half the year gone, half the task done"
/// (时间过半、任务过半).
///
/// Enrollments count in the programme year: the policies of terms starting
/// in the target's year enrolled by the as-of date (a renewal enrolled in
/// December for next year's term counts next year; a mid-term joiner counts
/// in the year its term started), cancelled policies excluded; members are
/// distinct. The share of the year gone is calendar-based. ``reachedOn``
/// may fall in December of the year before, when renewals reached it.
/// Percentages are percent (52.5 for 52.5%), computed from whole numbers;
/// a zero target counts as complete (100).
public struct TargetProgress: Hashable, Sendable {
    /// The target.
    public var target: Target
    /// The date of the figures.
    public var asOf: CivilDate
    /// Distinct members enrolled so far in the terms starting this year.
    public var enrolledMembers: Int
    /// Contributions of the policies enrolled so far in the terms starting this year.
    public var contributions: Money
    /// The first date on which both the members and the contributions
    /// target were reached, if they have been by `asOf`.
    public var reachedOn: CivilDate?

    /// Creates progress figures.
    public init(target: Target, asOf: CivilDate, enrolledMembers: Int, contributions: Money, reachedOn: CivilDate?) {
        self.target = target
        self.asOf = asOf
        self.enrolledMembers = enrolledMembers
        self.contributions = contributions
        self.reachedOn = reachedOn
    }

    /// Members enrolled as a percentage of the members target.
    public var membersCompletion: Double { Self.percent(Int64(enrolledMembers), of: Int64(target.members)) }
    /// Contributions as a percentage of the contributions target.
    public var contributionsCompletion: Double { Self.percent(contributions.fen, of: target.contributions.fen) }
    /// The lower of the two: how complete the target is.
    public var completion: Double { min(membersCompletion, contributionsCompletion) }
    /// The share of the year gone by `asOf`, in percent (1 January counts as one day gone).
    public var elapsed: Double { Self.elapsed(asOf) }
    /// On track when the completion is at least the share of the year gone.
    public var onTrack: Bool { completion >= elapsed }

    /// `part` as a percentage of `whole`; 100 when `whole` is 0.
    static func percent(_ part: Int64, of whole: Int64) -> Double {
        whole == 0 ? 100 : Double(part) * 100 / Double(whole)
    }

    /// The percentage of `date`'s year gone by the end of `date`.
    public static func elapsed(_ date: CivilDate) -> Double {
        let first = CivilDate(year: date.year, month: 1, day: 1)!
        let days = CivilDate.isLeapYear(date.year) ? 366 : 365
        return Double(first.days(until: date) + 1) * 100 / Double(days)
    }
}
