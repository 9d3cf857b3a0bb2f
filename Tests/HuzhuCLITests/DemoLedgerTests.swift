import Foundation
import Testing

@Suite("The demo city's books")
struct DemoLedgerTests {
    @Test("every group enrollment and every payout of the demo is posted: ledger check finds the books balanced")
    func demoBooksBalance() throws {
        let scratch = try Scratch()
        let demo = try CLI.run(["demo", "city", "--members", "1500", "--seed", "3"], in: scratch.url)
        #expect(demo.status == 0)
        let city = scratch.url.appendingPathComponent("city")
        let check = try CLI.run(["ledger", "check"], in: city)
        #expect(check.status == 0)
        #expect(check.stdout.hasPrefix("the books balance: "))
        let counts = try CLI.run(["repl"], in: city,
                                 stdin: "=huzhu.policies.count()\n=huzhu.claims.count{status = \"paid\"}\n"
                                     + "=huzhu.claims.count{status = \"approved\"}\n")
        let figures = counts.stdout.split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        #expect(figures.count == 3 && figures[1] > 0)
        let entries = check.stdout.split(separator: " ").dropFirst(3).first.map(String.init)
        // One entry per policy, an approval per approved or paid claim and a payout per paid claim.
        #expect(entries == String(figures[0] + 2 * figures[1] + figures[2]))
    }
}
