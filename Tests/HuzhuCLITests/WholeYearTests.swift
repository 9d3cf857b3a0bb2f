import Foundation
import Testing

/// A union's whole year from `huzhu init`, driven only through the built
/// binary with the CSV, TOML and Lua files in Year/ (no Swift API, no SQL):
/// the README's "Your own union, from scratch". `huzhu doctor` and
/// `huzhu ledger check` pass after every step.
@Suite("A whole year from huzhu init, through the binary")
struct WholeYearTests {
    static let files = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Year")

    final class Year {
        let scratch: Scratch
        let ws: URL
        var log: [String] = []

        init() throws {
            scratch = try Scratch()
            let made = try CLI.run(["init", "ws", "--operator", "市总保险办"], in: scratch.url)
            #expect(made.status == 0)
            ws = scratch.url.appendingPathComponent("ws")
            for name in try FileManager.default.contentsOfDirectory(atPath: WholeYearTests.files.path) {
                try FileManager.default.copyItem(at: WholeYearTests.files.appendingPathComponent(name),
                                                 to: ws.appendingPathComponent(name))
            }
        }

        /// Sets the business date in huzhu.toml.
        func today(_ date: String) throws {
            let config = ws.appendingPathComponent("huzhu.toml")
            let text = try String(contentsOf: config, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasPrefix("today =") || line.hasPrefix("# today =") ? "today = \"\(date)\"" : String(line)
            }
            try Data(lines.joined(separator: "\n").utf8).write(to: config)
        }

        /// Runs a step, expects success, then doctor and the ledger check; returns its standard output.
        @discardableResult
        func step(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let result = try CLI.run(arguments, in: ws)
            #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
            let doctor = try CLI.run(["doctor"], in: ws)
            #expect(doctor.status == 0, "doctor after \(arguments): \(doctor.stdout)\(doctor.stderr)", sourceLocation: sourceLocation)
            let ledger = try CLI.run(["ledger", "check"], in: ws)
            #expect(ledger.status == 0, "ledger after \(arguments): \(ledger.stdout)\(ledger.stderr)", sourceLocation: sourceLocation)
            return result.stdout
        }
    }

    @Test("set-up, enrolment, life events, cancellation, claims, appraisal, reports, next year's renewal")
    func wholeYear() throws {
        let year = try Year()
        try year.today("2026-07-01")
        #expect(try year.step(["plans", "apply", "plans.toml"]).hasSuffix("added term CI 2026 (2026-07-01 to 2029-06-30), price 90.00\n"))
        #expect(try year.step(["import", "offices", "offices.csv"]) == "imported 2 offices\n")
        #expect(try year.step(["import", "units", "units.csv"]) == "imported 8 units\n")
        #expect(try year.step(["import", "headcounts", "headcounts-2026.csv"]) == "imported 4 headcounts\n")
        #expect(try year.step(["import", "members", "members-gb18030.csv"]) == "imported 10 members\n")
        #expect(try year.step(["rules", "activate", "subsidy", "scripts/rules/subsidy.lua", "--from", "2026-01-01"])
                == "rule subsidy version 1d46a022f9ee in force from 2026-01-01\n")
        #expect(try year.step(["run", "enrol.lua"]) == """
            BH001\tACC\t4
            BH002\tACC\t2
            LY001\tACC\t2
            GJ001\tACC\t2
            FEM\t11\t5000
            INP\t12\t3600

            """)
        try year.today("2026-09-10")
        #expect(try year.step(["run", "life.lua"]) == "deceased\t1\ndeath claim\t1\treported\t0\n")
        #expect(try year.step(["run", "decide.lua"]) == "death claim\tpaid\t2000000\n")
        #expect(try year.step(["run", "cancel.lua"]) == "cancelled\tACC\tbefore_start\t0\n")
        try year.today("2026-11-20")
        #expect(try year.step(["run", "inp.lua"]) == "inp claim\t2\treported\tdischargeSummary\n")
        try year.today("2026-12-01")
        #expect(try year.step(["run", "later.lua"]) == """
            inp claim\tpaid\t245000
            accident claim\t3\trejected
            accident claim\tpaid\t100000

            """)
        #expect(try year.step(["claims", "show", "3"]).contains("复核"))
        #expect(try year.step(["import", "targets", "targets.csv"]) == "imported 4 targets\n")
        try year.step(["rules", "activate", "appraisal", "scripts/rules/appraisal.lua", "--from", "2026-01-01"])
        let appraisal = try year.step(["appraise", "--level", "district,industry", "--period", "H1", "--year", "2026"])
        #expect(appraisal.hasPrefix("半年初评 H1 2026 · district,industry units"))
        #expect(appraisal.contains("BH    包河区总工会") && appraisal.contains("GJ    市工交工会"))
        let summary = try year.step(["report", "annual-summary"])
        #expect(summary.contains("缴费合计  ¥294.00") && summary.contains("行政支持   ¥58.80"))
        try year.today("2027-06-20")
        #expect(try year.step(["import", "headcounts", "headcounts-2027.csv"]) == "imported 4 headcounts\n")
        #expect(try year.step(["plans", "apply", "plans-2027.toml"]) == "added term ACC 2027 (2027-07-01 to 2028-06-30), price 30.00\n")
        let renewal = try year.step(["renew", "--plan", "ACC", "--to-term", "2027"])
        #expect(renewal.hasPrefix("renewed ACC term 2026 → 2027: 7 policies in 4 units, 1 members skipped\n"))
        #expect(renewal.contains("E501 member 340104********0210: member is retired since 2026-08-31, not active"))
    }
}
