// MARK: - Day arithmetic

extension CivilDate {
    /// The number of days since 1970-01-01 (negative before it).
    ///
    /// Uses Howard Hinnant's `days_from_civil` algorithm.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = month
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date a number of days after 1970-01-01.
    ///
    /// - Parameter days: Days since 1970-01-01; must give a year 1–9999
    ///   (a programmer error otherwise).
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        guard let date = CivilDate(year: y, month: m, day: d) else {
            preconditionFailure("date out of range: \(days) days since 1970-01-01")
        }
        self = date
    }

    /// The date a number of days later (earlier when negative).
    ///
    /// ```swift
    /// try CivilDate(parsing: "2012-02-28").adding(days: 1)   // 2012-02-29
    /// ```
    public func adding(days: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// The same day a number of years later; February 29th becomes
    /// February 28th in a common year.
    ///
    /// ```swift
    /// try CivilDate(parsing: "2012-07-01").adding(years: 3)   // 2015-07-01
    /// ```
    public func adding(years: Int) -> CivilDate {
        let target = year + years
        return CivilDate(year: target, month: month, day: min(day, CivilDate.daysIn(month: month, year: target)))!
    }

    /// The number of days from this date to another (negative if earlier).
    ///
    /// ```swift
    /// try CivilDate(parsing: "2012-07-01").days(until: CivilDate(parsing: "2013-07-01"))  // 365
    /// ```
    public func days(until other: CivilDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// Age in whole years on a date, for someone born on this date.
    ///
    /// A birthday on February 29th is reached on March 1st in common years.
    ///
    /// ```swift
    /// try CivilDate(parsing: "1980-07-02").age(on: CivilDate(parsing: "2012-07-01"))  // 31
    /// ```
    ///
    /// - Parameter date: The day on which to measure.
    /// - Returns: Completed years (negative if `date` is before this date).
    public func age(on date: CivilDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }
}
