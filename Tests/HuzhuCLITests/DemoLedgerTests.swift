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
                                     + "=huzhu.claims.count{status = \"approved\"}\n"
                                     + "=huzhu.sql(\"SELECT COUNT(*) AS n FROM receipt\")[1].n\n")
        let figures = counts.stdout.split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        #expect(figures.count == 4 && figures[1] > 0 && figures[3] > 0)
        let entries = check.stdout.split(separator: " ").dropFirst(3).first.map(String.init)
        // One entry per policy, an approval per approved or paid claim, a payout per paid claim and one per receipt.
        #expect(entries == String(figures[0] + 2 * figures[1] + figures[2] + figures[3]))
        // The first half-year is closed, the doctor finds nothing wrong, and units owe money in every age band.
        let periods = try CLI.run(["ledger", "periods"], in: city)
        #expect(periods.status == 0 && periods.stdout.contains("2026-06"), "\(periods.stdout)")
        let doctor = try CLI.run(["doctor"], in: city)
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        let arrears = try CLI.run(["report", "arrears"], in: city)
        #expect(arrears.status == 0 && !arrears.stdout.contains("Nothing is owed"), "\(arrears.stdout)")
    }
}
