import Foundation
import Testing

@Suite("The demo city's books")
struct DemoLedgerTests {
    @Test("every group enrollment of the demo is posted: ledger check finds the books balanced")
    func demoBooksBalance() throws {
        let scratch = try Scratch()
        let demo = try CLI.run(["demo", "city", "--members", "1500", "--seed", "3"], in: scratch.url)
        #expect(demo.status == 0)
        let city = scratch.url.appendingPathComponent("city")
        let check = try CLI.run(["ledger", "check"], in: city)
        #expect(check.status == 0)
        #expect(check.stdout.hasPrefix("the books balance: "))
        let policies = try CLI.run(["repl"], in: city, stdin: "=huzhu.policies.count()\n")
        let entries = check.stdout.split(separator: " ").dropFirst(3).first.map(String.init)
        #expect(entries == policies.stdout.trimmingCharacters(in: .whitespacesAndNewlines))   // one entry per policy
    }
}
