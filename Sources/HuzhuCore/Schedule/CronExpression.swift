import Foundation

/// A five-field cron expression: minute, hour, day-of-month, month, day-of-week.
///
/// Each field is `*`, a value, a range `a-b`, a step `*/n`, `a-b/n` or `a/n`
/// (from `a` to the end), or a comma-separated list of these. Months take
/// the names `jan`…`dec`, weekdays `sun`…`sat`; 0 and 7 are both Sunday;
/// names are case-insensitive. `@yearly` (`@annually`), `@monthly`,
/// `@weekly`, `@daily` (`@midnight`) and `@hourly` stand for their usual
/// expressions.
///
/// Days follow the classic (Vixie cron) rule: when both day-of-month and
/// day-of-week are restricted (neither starts with `*`), a day matches if
/// **either** matches; otherwise both must. So `0 9 1 * mon` runs on the
/// 1st and on every Monday, while `0 9 */2 * mon` runs on odd-numbered
/// days that are Mondays.
///
/// An expression that can never match (`0 0 31 2 *`, `0 0 30 2 *`) is a
/// parse error, so a job that would silently never run is caught when
/// `huzhu.toml` is loaded.
///
/// ```swift
/// let cron = try CronExpression(parsing: "30 2 * * mon-fri")
/// let next = cron.nextTime(after: now, in: TimeZone(identifier: "Asia/Shanghai")!)
/// ```
public struct CronExpression: Hashable, Sendable, CustomStringConvertible {
    /// The text as written.
    public let text: String
    let minutes: UInt64
    let hours: UInt64
    let daysOfMonth: UInt64
    let months: UInt64
    /// Bits 0…6, Sunday = 0 (a 7 in the text is folded into 0).
    let daysOfWeek: UInt64
    /// Whether day-of-month starts with `*` (then it does not widen day-of-week).
    let dayOfMonthStar: Bool
    /// Whether day-of-week starts with `*`.
    let dayOfWeekStar: Bool

    public var description: String { text }

    /// Whether a calendar day matches the month, day-of-month and day-of-week fields.
    ///
    /// - Parameters:
    ///   - date: The local calendar day.
    ///   - weekday: Its weekday, Sunday = 0.
    func matches(day date: CivilDate, weekday: Int) -> Bool {
        guard months.contains(date.month) else { return false }
        let dayOK = daysOfMonth.contains(date.day), weekdayOK = daysOfWeek.contains(weekday)
        return dayOfMonthStar || dayOfWeekStar ? dayOK && weekdayOK : dayOK || weekdayOK
    }

    /// Whether a local date and time (minute resolution) matches.
    public func matches(_ date: CivilDate, hour: Int, minute: Int) -> Bool {
        matches(day: date, weekday: date.weekday) && hours.contains(hour) && minutes.contains(minute)
    }

    /// The hours of a matching day, ascending.
    var hourList: [Int] { (0...23).filter { hours.contains($0) } }
    /// The minutes of a matching hour, ascending.
    var minuteList: [Int] { (0...59).filter { minutes.contains($0) } }
}

extension UInt64 {
    /// Whether bit `value` is set.
    func contains(_ value: Int) -> Bool { value >= 0 && value < 64 && self & (1 << UInt64(value)) != 0 }
}

extension CivilDate {
    /// The weekday, Sunday = 0 … Saturday = 6 (1970-01-01 was a Thursday).
    var weekday: Int {
        let r = (daysSinceEpoch + 4) % 7
        return r < 0 ? r + 7 : r
    }
}
