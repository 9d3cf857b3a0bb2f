import Foundation

/// Converting between instants and wall-clock times of a time zone, with
/// the daylight-saving rules the scheduler follows.
///
/// - A wall-clock time **skipped** by a jump forward (02:30 on the night
///   New York moves from 02:00 to 03:00) is taken as the moment of the jump
///   (03:00 new time). Several skipped times fall on that one moment, so a
///   job runs once there, not once per skipped time.
/// - A wall-clock time that occurs **twice** when clocks go back (01:30 in
///   New York in November) is taken at its first occurrence; a job runs
///   once per wall-clock time, never twice.
///
/// Asia/Shanghai has had no daylight-saving time since 1991, so in the
/// default zone every wall-clock time occurs exactly once.
public enum ZonedTime {
    /// The wall-clock date, hour and minute of an instant in a zone.
    public static func local(_ instant: Date, in zone: TimeZone) -> (date: CivilDate, hour: Int, minute: Int) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: instant)
        let (days, rest) = floorDivision(seconds, 86_400)
        return (CivilDate(daysSinceEpoch: days), rest / 3600, rest % 3600 / 60)
    }

    /// The instant of a wall-clock time in a zone (see the type's rules for
    /// skipped and repeated times).
    ///
    /// ```swift
    /// let ny = TimeZone(identifier: "America/New_York")!
    /// ZonedTime.instant(of: CivilDate(year: 2026, month: 3, day: 8)!, hour: 2, minute: 30, in: ny)
    /// // 2026-03-08T07:00:00Z, i.e. 03:00 EDT, the moment of the jump
    /// ```
    public static func instant(of date: CivilDate, hour: Int, minute: Int, in zone: TimeZone) -> Date {
        let wall = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60   // the wall time read as UTC
        var offsets: [Int] = []
        for probe in [wall - 86_400, wall, wall + 86_400] {
            let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(probe)))
            if !offsets.contains(offset) { offsets.append(offset) }
        }
        let valid = offsets.map { wall - $0 }.filter { offset(at: $0, zone) == wall - $0 }
        if let first = valid.min() { return Date(timeIntervalSince1970: Double(first)) }
        // Skipped: find the jump between the readings with the old and the new offset.
        let readings = offsets.map { wall - $0 }
        var low = readings.min()!, high = readings.max()!
        let lowOffset = offset(at: low, zone)
        guard offset(at: high, zone) != lowOffset else { return Date(timeIntervalSince1970: Double(high)) }
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if offset(at: middle, zone) == lowOffset { low = middle } else { high = middle }
        }
        return Date(timeIntervalSince1970: Double(high))
    }

    /// An instant as the zone shows it: `2026-10-01 02:00 +08:00`.
    public static func format(_ instant: Date, in zone: TimeZone, seconds: Bool = false) -> String {
        let whole = Int(instant.timeIntervalSince1970.rounded(.down))
        let offset = zone.secondsFromGMT(for: instant)
        let (days, rest) = floorDivision(whole + offset, 86_400)
        let date = CivilDate(daysSinceEpoch: days)
        let sign = offset < 0 ? "-" : "+"
        let hhmm = "\(CivilDate.pad(rest / 3600, 2)):\(CivilDate.pad(rest % 3600 / 60, 2))"
        let ss = seconds ? ":\(CivilDate.pad(rest % 60, 2))" : ""
        return "\(date) \(hhmm)\(ss) \(sign)\(CivilDate.pad(abs(offset) / 3600, 2)):\(CivilDate.pad(abs(offset) % 3600 / 60, 2))"
    }

    private static func offset(at seconds: Int, _ zone: TimeZone) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
    }

    static func floorDivision(_ a: Int, _ b: Int) -> (Int, Int) {
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        return r < 0 ? (q - 1, r + b) : (q, r)
    }
}
