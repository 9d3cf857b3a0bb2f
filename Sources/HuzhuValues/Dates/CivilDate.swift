/// A calendar date (year, month, day) in the proleptic Gregorian calendar,
/// with no time of day and no time zone.
///
/// The domain speaks in dates — birth dates, term starts, enrollment days —
/// so it uses this value instead of Foundation's `Date`, which is an
/// instant and drags time zones into every comparison.
///
/// ```swift
/// let start = try CivilDate("2012-07-01")
/// let end = start.adding(years: 1).adding(days: -1)   // 2013-06-30
/// start.days(until: end)                               // 364
/// print(end)                                           // 2013-06-30
/// ```
public struct CivilDate: Hashable, Comparable, Sendable {
    /// The year, 1 through 9999.
    public let year: Int
    /// The month, 1 through 12.
    public let month: Int
    /// The day of the month, 1 through 28–31.
    public let day: Int

    /// Creates a date from its parts, or returns `nil` if there is no such
    /// day (e.g. February 30th, month 13, year 0).
    ///
    /// - Parameters:
    ///   - year: 1 through 9999.
    ///   - month: 1 through 12.
    ///   - day: 1 through the length of the month.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether a year is a leap year in the Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month of a year.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
