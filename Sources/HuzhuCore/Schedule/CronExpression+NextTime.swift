import Foundation

// MARK: - Next times

extension CronExpression {
    /// How many days ahead a search looks: a 29 February recurs within
    /// eight years (2096 → 2104), so nine years always find a possible time.
    static let searchDays = 366 * 9

    /// The first time the expression matches strictly after an instant,
    /// reading wall-clock times in `zone`.
    ///
    /// Daylight-saving jumps follow ``ZonedTime``: a skipped wall-clock time
    /// runs at the moment of the jump, a repeated one at its first occurrence.
    ///
    /// ```swift
    /// let leap = try CronExpression(parsing: "0 0 29 2 *")
    /// leap.nextTime(after: march2026, in: shanghai)   // 2028-02-29 00:00 +08:00
    /// ```
    ///
    /// - Parameters:
    ///   - instant: The search starts after this instant.
    ///   - zone: The zone whose wall clock the fields describe.
    /// - Returns: The instant, or nil if none falls within nine years
    ///   (never for an expression that parsed).
    public func nextTime(after instant: Date, in zone: TimeZone) -> Date? {
        let start = ZonedTime.local(instant, in: zone)
        let hours = hourList, minutes = minuteList
        var day = start.date
        for offset in 0..<CronExpression.searchDays {
            defer { day = day.adding(days: 1) }
            guard matches(day: day, weekday: day.weekday) else { continue }
            // On the first day, wall-clock hours well before the instant cannot
            // come after it (a daylight-saving shift is at most a few hours).
            let firstHour = offset == 0 ? start.hour - 3 : 0
            for hour in hours where hour >= firstHour {
                for minute in minutes {
                    let candidate = ZonedTime.instant(of: day, hour: hour, minute: minute, in: zone)
                    if candidate > instant { return candidate }
                }
            }
        }
        return nil
    }

    /// The next `count` times after an instant.
    public func nextTimes(after instant: Date, in zone: TimeZone, count: Int) -> [Date] {
        var times: [Date] = [], cursor = instant
        while times.count < count, let next = nextTime(after: cursor, in: zone) {
            times.append(next)
            cursor = next
        }
        return times
    }

    /// What falls in the window `(after, through]`: how many times, the first,
    /// the last and the one before the last.
    ///
    /// Counting stops after `countLimit` times (a minutely job left off for
    /// a year has half a million); the summary then says the count is a
    /// lower bound and still finds the last two times exactly.
    public func window(after start: Date, through end: Date, in zone: TimeZone, countLimit: Int = 10_000) -> CronWindow {
        var window = CronWindow()
        var cursor = start
        while let next = nextTime(after: cursor, in: zone), next <= end {
            window.count += 1
            if window.first == nil { window.first = next }
            window.previous = window.last
            window.last = next
            cursor = next
            if window.count == countLimit {
                window.countIsLowerBound = true
                findLastTwo(after: cursor, through: end, in: zone, into: &window)
                return window
            }
        }
        return window
    }

    /// Finds the last two times of `(counted, end]` without walking every
    /// time: scans ever longer tails of the window until two turn up.
    private func findLastTwo(after counted: Date, through end: Date, in zone: TimeZone, into window: inout CronWindow) {
        for days in [3, 40, 400, Int.max] {
            let from = days == Int.max ? counted : max(counted, end.addingTimeInterval(-Double(days) * 86_400))
            var previous: Date?, last: Date?, cursor = from
            while let next = nextTime(after: cursor, in: zone), next <= end {
                previous = last
                last = next
                cursor = next
            }
            if let previous {
                window.previous = previous
                window.last = last
                return
            }
            if from == counted {
                if let last {
                    window.previous = window.last
                    window.last = last
                }
                return
            }
        }
    }
}

/// The scheduled times in a window, summarised (see ``CronExpression/window(after:through:in:countLimit:)``).
public struct CronWindow: Equatable, Sendable {
    /// How many times fell in the window (at least this many if ``countIsLowerBound``).
    public var count = 0
    public var countIsLowerBound = false
    public var first: Date?
    public var last: Date?
    /// The time before ``last``, if the window holds two or more.
    public var previous: Date?

    public init() {}
}
