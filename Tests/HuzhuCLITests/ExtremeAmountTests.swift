import Foundation
import Testing

/// No amount from a script may trap: each is bounded (100,000,000 yuan) and refused
/// with a clear error the script can catch; the run goes on and rolls back as usual.
@Suite("Extreme amounts from Lua")
struct ExtremeAmountTests {
    @Test("math.mininteger and maxinteger as claim amounts are refused, not a crash", arguments: [
        "total = math.mininteger, insurance_paid = 1",
        "total = math.maxinteger",
        "total = 100, insurance_paid = math.mininteger",
    ])
    func claimAmounts(fields: String) throws {
        let ws = try TinyWorkspace()
        try Data("""
            local ok, err = pcall(huzhu.claims.report, {policy = 1, kind = "illness", incident = "2026-09-01", \(fields)})
            print(ok, err)
            """.utf8).write(to: ws.url.appendingPathComponent("x.lua"))
        let result = try CLI.run(["run", "x.lua"], in: ws.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("false\tbad argument #1 to 'report' (option '"), "\(result.stdout)")
        #expect(result.stdout.contains("an amount in fen from -10000000000 to 10000000000 expected"), "\(result.stdout)")
    }
}

/// No amount from a file may trap or be stored beyond the bound either: imports refuse
/// it by line and field, and nothing is imported.
@Suite("Extreme amounts from files")
struct ExtremeFileAmountTests {
    @Test("import targets: contributions beyond 100,000,000 yuan are refused by line and field")
    func targets() throws {
        let ws = try TinyWorkspace()
        try ws.write("t.csv", "unit,year,members,contributions\nBH,2026,3,90000000000000000\nLY,2026,3,-100000000.01\n")
        let result = try CLI.run(["import", "targets", "t.csv"], in: ws.url)
        #expect(result.status == 1)
        #expect(result.stderr == """
            t.csv:2: contributions 90000000000000000: amount 90000000000000000 is out of range (from -100000000.00 to 100000000.00 yuan)
            t.csv:3: contributions -100000000.01: amount -100000000.01 is out of range (from -100000000.00 to 100000000.00 yuan)
            huzhu: nothing imported: 2 of 2 rows invalid

            """)
        #expect(try ws.count("target") == 0)
    }

    @Test("import claims: totals and insurance beyond the bound are refused, not wrapped around")
    func claims() throws {
        let ws = try ClaimsWorkspace()
        try ws.tiny.write("c.csv", """
            policy,kind,incident_date,admission_date,discharge_date,total,insurance_paid
            1,accident,2026-09-29,2026-09-29,2026-09-29,90000000000000000,-90000000000000000

            """)
        let before = try ws.tiny.count("claim")
        let result = try ws.run(["import", "claims", "c.csv"])
        #expect(result.status == 1)
        #expect(result.stderr == """
            c.csv:2: total 90000000000000000: amount 90000000000000000 is out of range (from -100000000.00 to 100000000.00 yuan)
            c.csv:2: insurance_paid -90000000000000000: amount -90000000000000000 is out of range (from -100000000.00 to 100000000.00 yuan)
            huzhu: nothing imported: 1 of 1 rows invalid

            """)
        #expect(try ws.tiny.count("claim") == before)
    }
}

/// No number on the command line may trap either: out-of-range values are usage errors.
@Suite("Extreme numbers on the command line")
struct ExtremeArgumentTests {
    @Test("claims overdue --days 2^63-1 is a usage error, not a fatal date error")
    func overdueDays() throws {
        let ws = try TinyWorkspace()
        let result = try CLI.run(["claims", "overdue", "--days", "9223372036854775807"], in: ws.url)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: --days must be from 0 to 36500 (got 9223372036854775807)\n"), "\(result.stderr)")
    }

    @Test("doctor --limit 2^63-1 lists everything instead of overflowing")
    func doctorLimit() throws {
        let ws = try TinyWorkspace()
        let result = try CLI.run(["doctor", "--limit", "9223372036854775807"], in: ws.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ok"), "\(result.stdout)")
    }
}
