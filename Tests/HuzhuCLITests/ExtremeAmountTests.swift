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
