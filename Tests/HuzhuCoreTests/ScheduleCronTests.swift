import Foundation
import HuzhuCore
import Testing

let shanghai = TimeZone(identifier: "Asia/Shanghai")!
let newYork = TimeZone(identifier: "America/New_York")!

/// An instant from a wall-clock time `YYYY-MM-DD HH:MM[:SS]` in a zone.
func instant(_ text: String, in zone: TimeZone = shanghai) -> Date {
    let parts = text.split(separator: " ")
    let date = CivilDate(String(parts[0]))!
    let clock = parts[1].split(separator: ":").map { Int($0)! }
    let base = ZonedTime.instant(of: date, hour: clock[0], minute: clock[1], in: zone)
    return base.addingTimeInterval(Double(clock.count > 2 ? clock[2] : 0))
}

/// The next `count` times after `start`, as the zone shows them.
func next(_ cron: String, after start: String, count: Int = 1, in zone: TimeZone = shanghai) throws -> [String] {
    try CronExpression(parsing: cron).nextTimes(after: instant(start, in: zone), in: zone, count: count)
        .map { ZonedTime.format($0, in: zone) }
}

func cronError(_ text: String) -> String? {
    do {
        _ = try CronExpression(parsing: text)
        return nil
    } catch {
        return "\(error)"
    }
}

@Suite("Cron expressions: parsing")
struct ScheduleCronParsingTests {
    @Test("errors name the field and the offending text exactly")
    func errors() {
        #expect(cronError("61 * * * *") == "minute field \"61\" out of range 0-59")
        #expect(cronError("* * * *") == "expected 5 fields, got 4")
        #expect(cronError("* * * * * *") == "expected 5 fields, got 6")
        #expect(cronError("") == "expected 5 fields, got 0")
        #expect(cronError("0 0 1 foo *") == "unknown month name \"foo\"")
        #expect(cronError("0 0 * * funday") == "unknown weekday name \"funday\"")
        #expect(cronError("0 24 * * *") == "hour field \"24\" out of range 0-23")
        #expect(cronError("0 0 0 * *") == "day-of-month field \"0\" out of range 1-31")
        #expect(cronError("0 0 * 13 *") == "month field \"13\" out of range 1-12")
        #expect(cronError("0 0 * * 8") == "day-of-week field \"8\" out of range 0-7")
        #expect(cronError("a * * * *") == "minute field \"a\" is not a number")
        #expect(cronError("*/0 * * * *") == "minute field \"*/0\": step \"0\" is not a positive whole number")
        #expect(cronError("5-2 * * * *") == "minute field \"5-2\": range 5-2 runs backwards")
        #expect(cronError("1,,2 * * * *") == "minute field \"1,,2\": empty list item")
        #expect(cronError("1-/2 * * * *") == "minute field \"1-/2\": a range needs a start and an end")
        #expect(cronError("@reboot") == "unknown schedule \"@reboot\"; expected five fields or @yearly, @monthly, @weekly, @daily, @hourly")
    }

    @Test("an expression that can never match is refused")
    func impossible() {
        #expect(cronError("0 0 31 2 *") == "never matches: day-of-month \"31\" does not occur in month \"2\"")
        #expect(cronError("0 0 30 feb *") == "never matches: day-of-month \"30\" does not occur in month \"feb\"")
        #expect(cronError("0 0 31 4,6,9,11 *") == "never matches: day-of-month \"31\" does not occur in month \"4,6,9,11\"")
        // With a weekday as well, either may match: a possible expression.
        #expect(cronError("0 0 31 2 mon") == nil)
        #expect(cronError("0 0 29 2 *") == nil)
    }

    @Test("names are case-insensitive; 0 and 7 are Sunday; macros expand")
    func namesAndMacros() throws {
        #expect(try CronExpression(parsing: "0 0 1 JAN,Jul *").matches(CivilDate("2026-07-01")!, hour: 0, minute: 0))
        #expect(try CronExpression(parsing: "0 12 * * 7").matches(CivilDate("2026-10-04")!, hour: 12, minute: 0))   // a Sunday
        #expect(try CronExpression(parsing: "0 12 * * 0").matches(CivilDate("2026-10-04")!, hour: 12, minute: 0))
        #expect(try CronExpression(parsing: "0 12 * * 0").matches(CivilDate("2026-10-05")!, hour: 12, minute: 0) == false)
        #expect(try next("@monthly", after: "2026-10-15 00:00") == ["2026-11-01 00:00 +08:00"])
        #expect(try next("@weekly", after: "2026-10-01 00:00") == ["2026-10-04 00:00 +08:00"])
        #expect(try next("@hourly", after: "2026-10-01 00:00") == ["2026-10-01 01:00 +08:00"])
        #expect(try next("@yearly", after: "2026-10-01 00:00") == ["2027-01-01 00:00 +08:00"])
    }
}

@Suite("Cron expressions: next run times (Asia/Shanghai)")
struct ScheduleCronNextTests {
    @Test("across month ends: the 31st skips the months without one")
    func monthEnds() throws {
        #expect(try next("0 0 1 * *", after: "2026-01-31 12:00") == ["2026-02-01 00:00 +08:00"])
        // Strictly after: a time equal to the start is not "next".
        #expect(try next("0 0 31 * *", after: "2026-01-31 00:00", count: 3)
                == ["2026-03-31 00:00 +08:00", "2026-05-31 00:00 +08:00", "2026-07-31 00:00 +08:00"])
        #expect(try next("59 23 31 12 *", after: "2026-12-31 23:59") == ["2027-12-31 23:59 +08:00"])
        #expect(try next("0 0 30 * *", after: "2027-01-30 00:00", count: 2) == ["2027-03-30 00:00 +08:00", "2027-04-30 00:00 +08:00"])
    }

    @Test("leap days: 29 February comes every four years, not in 2100")
    func leapDays() throws {
        #expect(try next("0 0 29 2 *", after: "2026-03-01 00:00", count: 2) == ["2028-02-29 00:00 +08:00", "2032-02-29 00:00 +08:00"])
        #expect(try next("0 0 29 2 *", after: "2096-03-01 00:00") == ["2104-02-29 00:00 +08:00"])   // 2100 is not a leap year
    }

    @Test("weekday and day-of-month: either matches when both are restricted, both when one starts with *")
    func weekdayAndDay() throws {
        // 2026-10-01 is a Thursday; Fridays are the 2nd, 9th, 16th; the 13th is a Tuesday.
        #expect(try next("0 9 13 * fri", after: "2026-10-01 00:00", count: 4)
                == ["2026-10-02 09:00 +08:00", "2026-10-09 09:00 +08:00", "2026-10-13 09:00 +08:00", "2026-10-16 09:00 +08:00"])
        // */2 starts with *: odd days that are Mondays (Mondays: Oct 5, 12, 19, 26; Nov 2, 9 …).
        #expect(try next("0 9 */2 * mon", after: "2026-10-01 00:00", count: 3)
                == ["2026-10-05 09:00 +08:00", "2026-10-19 09:00 +08:00", "2026-11-09 09:00 +08:00"])
        #expect(try next("30 2 * * mon-fri", after: "2026-10-02 03:00") == ["2026-10-05 02:30 +08:00"])
        #expect(try next("0 8 * * fri-sun", after: "2026-10-02 09:00", count: 3)
                == ["2026-10-03 08:00 +08:00", "2026-10-04 08:00 +08:00", "2026-10-09 08:00 +08:00"])
        // 31 February never comes, but Mondays in February do (2027-02-01 is a Monday).
        #expect(try next("0 0 31 2 mon", after: "2026-10-01 00:00") == ["2027-02-01 00:00 +08:00"])
    }

    @Test("steps, ranges and lists")
    func steps() throws {
        #expect(try next("*/15 9-10 * * *", after: "2026-10-01 08:00", count: 9)
                == ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45"].map { "2026-10-01 \($0) +08:00" }
                + ["2026-10-02 09:00 +08:00"])
        #expect(try next("10-40/15 6 * * *", after: "2026-10-01 00:00", count: 4)
                == ["2026-10-01 06:10 +08:00", "2026-10-01 06:25 +08:00", "2026-10-01 06:40 +08:00", "2026-10-02 06:10 +08:00"])
        #expect(try next("50/5 6 * * *", after: "2026-10-01 00:00", count: 3)
                == ["2026-10-01 06:50 +08:00", "2026-10-01 06:55 +08:00", "2026-10-02 06:50 +08:00"])
        #expect(try next("0 0 1 jan,jul *", after: "2026-02-01 00:00", count: 2) == ["2026-07-01 00:00 +08:00", "2027-01-01 00:00 +08:00"])
        #expect(try next("0 7,19 * * *", after: "2026-10-01 07:00", count: 2) == ["2026-10-01 19:00 +08:00", "2026-10-02 07:00 +08:00"])
    }

    @Test("the search starts from seconds past a minute")
    func seconds() throws {
        #expect(try next("* * * * *", after: "2026-10-01 08:00:30", count: 2) == ["2026-10-01 08:01 +08:00", "2026-10-01 08:02 +08:00"])
    }
}

@Suite("Cron expressions: daylight-saving time (America/New_York)")
struct ScheduleCronDSTTests {
    @Test("a skipped wall-clock time runs once, at the moment of the jump")
    func springForward() throws {
        // 2026-03-08 02:00 EST → 03:00 EDT: 02:30 does not exist.
        #expect(try next("30 2 * * *", after: "2026-03-07 12:00", count: 2, in: newYork)
                == ["2026-03-08 03:00 -04:00", "2026-03-09 02:30 -04:00"])
        // Four skipped times, one run.
        #expect(try next("*/15 2 * * *", after: "2026-03-07 12:00", count: 2, in: newYork)
                == ["2026-03-08 03:00 -04:00", "2026-03-09 02:00 -04:00"])
        #expect(ZonedTime.instant(of: CivilDate("2026-03-08")!, hour: 2, minute: 30, in: newYork)
                == Date(timeIntervalSince1970: 1_772_953_200))   // 2026-03-08T07:00:00Z
    }

    @Test("a repeated wall-clock time runs once, at its first occurrence")
    func fallBack() throws {
        // 2026-11-01 02:00 EDT → 01:00 EST: 01:00–01:59 happen twice.
        #expect(try next("30 1 * * *", after: "2026-10-31 12:00", count: 2, in: newYork)
                == ["2026-11-01 01:30 -04:00", "2026-11-02 01:30 -05:00"])
        #expect(try next("*/30 * * * *", after: "2026-11-01 00:45", count: 3, in: newYork)
                == ["2026-11-01 01:00 -04:00", "2026-11-01 01:30 -04:00", "2026-11-01 02:00 -05:00"])
        // From inside the second 01:xx, the first occurrence is past: next is 02:00 EST.
        let secondPass = Date(timeIntervalSince1970: 1_793_513_400)   // 2026-11-01T06:10:00Z = 01:10 EST
        let cron = try CronExpression(parsing: "*/30 * * * *")
        #expect(cron.nextTime(after: secondPass, in: newYork).map { ZonedTime.format($0, in: newYork) } == "2026-11-01 02:00 -05:00")
    }
}

@Suite("Cron expressions: windows of due times")
struct ScheduleCronWindowTests {
    @Test("a window counts its times and keeps the first, the last and the one before")
    func window() throws {
        let cron = try CronExpression(parsing: "0 2 * * *")
        let window = cron.window(after: instant("2026-09-27 02:00"), through: instant("2026-09-30 02:00"), in: shanghai)
        #expect(window.count == 3)
        #expect(window.first == instant("2026-09-28 02:00"))
        #expect(window.previous == instant("2026-09-29 02:00"))
        #expect(window.last == instant("2026-09-30 02:00"))
    }

    @Test("a year of minutes stops counting at the limit and still finds the last two exactly")
    func longWindow() throws {
        let cron = try CronExpression(parsing: "* * * * *")
        let window = cron.window(after: instant("2025-09-30 00:00"), through: instant("2026-09-30 00:00:10"), in: shanghai)
        #expect(window.count == 10_000)
        #expect(window.countIsLowerBound)
        #expect(window.first == instant("2025-09-30 00:01"))
        #expect(window.previous == instant("2026-09-29 23:59"))
        #expect(window.last == instant("2026-09-30 00:00"))
    }
}
