import Testing
@testable import HuzhuValues

@Suite("CivilDate")
struct CivilDateTests {
    @Test("parses YYYY-MM-DD strictly")
    func parses() throws {
        let date = try CivilDate(parsing: "2012-07-01")
        #expect((date.year, date.month, date.day) == (2012, 7, 1))
        #expect(date.description == "2012-07-01")
        #expect(try CivilDate(parsing: "2012-02-29").description == "2012-02-29")
        for bad in ["2012-7-1", "2013-02-29", "2012-13-01", "2012-00-10", "12-07-01", "2012/07/01", "2012-07-01 ", "0000-01-01", ""] {
            #expect(throws: CivilDateError(text: bad)) { try CivilDate(parsing: bad) }
        }
        #expect(CivilDateError(text: "2013-02-29").description == "invalid date \"2013-02-29\" (expected YYYY-MM-DD)")
    }

    @Test("adds days and years, counts days between")
    func arithmetic() throws {
        let start = try CivilDate(parsing: "2012-07-01")
        #expect(start.adding(years: 1).adding(days: -1).description == "2013-06-30")
        #expect(start.days(until: start.adding(years: 1)) == 365)
        #expect(try CivilDate(parsing: "2012-02-28").adding(days: 1).description == "2012-02-29")
        #expect(try CivilDate(parsing: "2012-02-29").adding(years: 1).description == "2013-02-28")
        #expect(try CivilDate(parsing: "1970-01-01").daysSinceEpoch == 0)
        #expect(try CivilDate(parsing: "1900-01-01").daysSinceEpoch == -25567)
        #expect(try CivilDate(parsing: "2000-03-01").daysSinceEpoch == 11017)
        #expect(try CivilDate(parsing: "2013-06-30").days(until: CivilDate(parsing: "2012-07-01")) == -364)
        // every day of four centuries round-trips through the day count
        var day = try CivilDate(parsing: "1800-01-01")
        for _ in 0..<(400 * 366) {
            let next = day.adding(days: 1)
            #expect(next > day && CivilDate(daysSinceEpoch: next.daysSinceEpoch) == next)
            day = next
        }
    }

    @Test("computes age in completed years")
    func age() throws {
        let birth = try CivilDate(parsing: "1980-07-02")
        #expect(birth.age(on: try CivilDate(parsing: "2012-07-01")) == 31)
        #expect(birth.age(on: try CivilDate(parsing: "2012-07-02")) == 32)
        #expect(try CivilDate(parsing: "1980-02-29").age(on: CivilDate(parsing: "2013-02-28")) == 32)
        #expect(try CivilDate(parsing: "1980-02-29").age(on: CivilDate(parsing: "2013-03-01")) == 33)
    }

    @Test("today in Beijing follows the time zone")
    func today() throws {
        // 2012-06-30T17:00:00Z is already 07-01 01:00 in Beijing
        let instant = Date(timeIntervalSince1970: 1_341_075_600)
        #expect(CivilDate.today(now: instant).description == "2012-07-01")
        #expect(CivilDate.today(in: TimeZone(identifier: "UTC")!, now: instant).description == "2012-06-30")
    }
}

import Foundation
