import HuzhuCore

// MARK: - When the units enroll

extension DemoCity {
    /// The first day a grassroots union may hand in its group enrollment (a Monday).
    public static let enrollmentOpens = CivilDate(year: 2026, month: 3, day: 2)!
    /// The last day of the on-time enrollment round, before the terms start on 07-01.
    public static let enrollmentCloses = CivilDate(year: 2026, month: 6, day: 25)!
    /// The first and last days a late union enrolls (its cover starts on its enrollment day).
    static let lateOpens = CivilDate(year: 2026, month: 7, day: 2)!
    static let lateCloses = CivilDate(year: 2026, month: 9, day: 25)!
    /// The half-year check: "half the year gone, half the task done" (时间过半、任务过半).
    public static let halfYear = CivilDate(year: 2026, month: 6, day: 30)!

    /// The business day each grassroots union hands in its group enrollment
    /// (`nil` for those that do not enroll this year), drawn so that target
    /// progress differs between the unions under the federation.
    ///
    /// Each union under the federation gets a pace: in a drawn order, two are
    /// slow (60–80% of their members in units that enroll late, in July to
    /// September), three middling (25–45%) and the rest prompt (0–15%). Within
    /// a union, units are taken in a drawn order and marked late while that
    /// brings the late members nearer to the pace (so even a union of two
    /// units gets about its share). On-time units enroll from
    /// ``enrollmentOpens`` to ``enrollmentCloses``, most of them close to the
    /// deadline (the later of two uniform draws; a prompt union's units
    /// uniformly); late units from 07-02 to 09-25, most in July. Weekends
    /// move to the Friday before.
    ///
    /// - Parameters:
    ///   - units: The grassroots unions.
    ///   - sizes: Their members.
    ///   - random: The schedule's own stream.
    /// - Returns: One date (or `nil`) per unit.
    static func enrollmentDates(for units: [Grassroots], sizes: [Int], random: inout SplitMix64) -> [CivilDate?] {
        var order = Array(topUnits.indices)
        random.shuffle(&order)
        var latePerMille = [Int](repeating: 0, count: topUnits.count)
        for (rank, top) in order.enumerated() {
            latePerMille[top] = rank < 2 ? random.int(in: 600...800) : rank < 5 ? random.int(in: 250...450)
                : random.int(in: 0...150)
        }
        var dates = [CivilDate?](repeating: nil, count: units.count)
        let onTimeSpan = enrollmentOpens.days(until: enrollmentCloses)
        let lateSpan = lateOpens.days(until: lateCloses)
        for top in topUnits.indices {
            var members = units.indices.filter { units[$0].top == top && units[$0].enrolls }
            random.shuffle(&members)
            let total = members.reduce(0) { $0 + sizes[$1] }
            var late = 0
            for index in members {
                // Late if that leaves the late members nearer the pace: late + size/2 below the goal.
                let isLate = (2 * late + sizes[index]) * 1000 < 2 * latePerMille[top] * total
                let date: CivilDate
                if isLate {
                    late += sizes[index]
                    date = lateOpens.adding(days: min(random.int(in: 0...lateSpan), random.int(in: 0...lateSpan)))
                } else if latePerMille[top] <= 150 {
                    date = enrollmentOpens.adding(days: random.int(in: 0...onTimeSpan))
                } else {
                    date = enrollmentOpens.adding(days: max(random.int(in: 0...onTimeSpan), random.int(in: 0...onTimeSpan)))
                }
                dates[index] = weekday(date)
            }
        }
        return dates
    }

    /// The date, or the Friday before it if it falls on a weekend.
    static func weekday(_ date: CivilDate) -> CivilDate {
        // 1970-01-01 was a Thursday: (days + 3) mod 7 is 0 on Mondays, 5 and 6 at weekends.
        let day = ((date.daysSinceEpoch + 3) % 7 + 7) % 7
        return day >= 5 ? date.adding(days: 4 - day) : date
    }
}
