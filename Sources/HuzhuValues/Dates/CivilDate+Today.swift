import Foundation

// MARK: - Today

extension CivilDate {
    /// The current date in a time zone, Asia/Shanghai by default.
    ///
    /// This is the only place a clock is read; the domain receives the
    /// date from its caller (``WriteContext/today``) so tests can fix it.
    ///
    /// ```swift
    /// let today = CivilDate.today()   // e.g. 2025-06-01 in Beijing time
    /// ```
    ///
    /// - Parameters:
    ///   - timeZone: The time zone whose calendar day is wanted.
    ///   - now: The instant; the current one by default.
    /// - Returns: The calendar date of `now` in `timeZone`.
    public static func today(in timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!,
                             now: Date = Date()) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
