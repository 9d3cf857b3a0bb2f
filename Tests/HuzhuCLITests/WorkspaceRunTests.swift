import Foundation
import GRDB
import HuzhuCore
import HuzhuTestSupport
import Testing

/// A workspace made by `huzhu init`, filled with the tiny city.
final class TinyWorkspace {
    let scratch: Scratch
    var url: URL { scratch.url.appendingPathComponent("ws") }
    var databasePath: String { url.appendingPathComponent("huzhu.db").path }

    init() throws {
        scratch = try Scratch()
        let made = try CLI.run(["init", "ws", "--operator", "王会计"], in: scratch.url)
        guard made.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        // Fix the business date, then fill the city.
        let toml = url.appendingPathComponent("huzhu.toml")
        var text = try String(contentsOf: toml, encoding: .utf8)
        text = text.replacingOccurrences(of: "# today = \"2026-09-30\"", with: "today = \"2026-09-30\"")
        try text.write(to: toml, atomically: true, encoding: .utf8)
        try TinyCity.fill(try HuzhuDatabase(path: databasePath))
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
    }

    func count(_ table: String) throws -> Int {
        try DatabaseQueue(path: databasePath).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }
}

@Suite("huzhu run inside a workspace")
struct WorkspaceRunTests {
    @Test("init makes the workspace and refuses to make it twice")
    func initTwice() throws {
        let scratch = try Scratch()
        let first = try CLI.run(["init", "union", "--operator", "王"], in: scratch.url)
        #expect(first.status == 0)
        let stock = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/stock")
        let stockFiles = try FileManager.default.subpathsOfDirectory(atPath: stock.path)
            .filter { $0.hasSuffix(".lua") || $0.hasSuffix(".csv") }
        let lines = first.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "made workspace union: huzhu.toml, huzhu.db, plans.toml, scripts/ (\(stockFiles.count) stock scripts)")
        #expect(lines.count == 3 && lines[1].hasPrefix("next: review plans.toml (four standard plans, terms from 20")
                && lines[1].hasSuffix("-07-01), then `cd union && huzhu plans apply plans.toml`"))
        let plans = try String(contentsOf: scratch.url.appendingPathComponent("union/plans.toml"), encoding: .utf8)
        #expect(plans.contains("code = \"INP\"") && plans.contains("ratio = 70"))
        for file in stockFiles {
            let seeded = try String(contentsOf: scratch.url.appendingPathComponent("union/scripts/\(file)"), encoding: .utf8)
            #expect(seeded == (try String(contentsOf: stock.appendingPathComponent(file), encoding: .utf8)),
                    "\(file) differs from scripts/stock: run scripts/embed-stock")
        }
        for file in ["huzhu.toml", "huzhu.db", "scripts/jobs/hello.lua", "scripts/rules", "scripts/reports"] {
            #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("union/\(file)").path), "\(file)")
        }
        let second = try CLI.run(["init", "union"], in: scratch.url)
        #expect(second.status == 1)
        #expect(second.stderr == "huzhu: \(scratch.url.appendingPathComponent("union").path) already holds a workspace (huzhu.toml exists)\n")
    }

    @Test("the script sees the workspace's data through huzhu, from the workspace or a subfolder")
    func seesData() throws {
        let ws = try TinyWorkspace()
        try ws.write("count.lua", "print(huzhu.members.count(), huzhu.operator(), huzhu.today())")
        let result = try CLI.run(["run", "count.lua"], in: ws.url)
        #expect(result.stdout == "5\t王会计\t2026-09-30\n")
        #expect(result.status == 0)
        let nested = try CLI.run(["run", "../count.lua", "--operator", "ignored-after-script"], in: ws.url.appendingPathComponent("scripts"))
        #expect(nested.stdout == "5\t王会计\t2026-09-30\n")
        let byOption = try CLI.run(["run", "--operator", "李", "count.lua"], in: ws.url)
        #expect(byOption.stdout == "5\t李\t2026-09-30\n")
    }

    @Test("--dry-run prints what would change and writes nothing")
    func dryRun() throws {
        let ws = try TinyWorkspace()
        try ws.write("group.lua", "print(huzhu.enroll_unit{unit = 'BH001', plan = 'ACC'}.enrolled)")
        let result = try CLI.run(["run", "--dry-run", "group.lua"], in: ws.url)
        #expect(result.status == 0)
        #expect(result.stdout == "3\n")
        #expect(result.stderr == """
            dry run: rolled back; the script would have changed:
              bill: 1 row added
              enrollmentBatch: 1 row added
              ledgerEntry: 3 rows added
              policy: 3 rows added
              money: 3 new policies, contributions 78.00 yuan (administration 0.00, union 0.00, member 78.00)

            """)   // 3 × 26.00 yuan; no subsidy rule is in force, so the members pay all
        #expect(try ws.count("policy") == 0)
        let real = try CLI.run(["run", "group.lua"], in: ws.url)
        #expect(real.status == 0)
        #expect(try ws.count("policy") == 3)
    }

    @Test("an error midway exits 1 and leaves nothing")
    func errorMidway() throws {
        let ws = try TinyWorkspace()
        try ws.write("half.lua", """
            huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}
            huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}
            """)
        let result = try CLI.run(["run", "half.lua"], in: ws.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("huzhu: half.lua:2: E503"))
        #expect(try ws.count("policy") == 0)
    }

    @Test("--unit scopes the run to a subtree")
    func scoped() throws {
        let ws = try TinyWorkspace()
        try ws.write("count.lua", "print(huzhu.members.count(), huzhu.members.get('\(TinyCity.zhao)'))")
        let result = try CLI.run(["run", "--unit", "BH", "count.lua"], in: ws.url)
        #expect(result.stdout == "3\tnil\n")
    }

    @Test("a broken huzhu.toml is reported exactly, naming the field")
    func brokenConfig() throws {
        let ws = try TinyWorkspace()
        try Data("operator = \"x\"\n[limits]\ntimeout = -5\ncolour = 1\n".utf8).write(to: ws.url.appendingPathComponent("huzhu.toml"))
        try ws.write("a.lua", "print(1)")
        let result = try CLI.run(["run", "a.lua"], in: ws.url)
        let toml = ws.url.appendingPathComponent("huzhu.toml").standardizedFileURL.path
        #expect(result.status == 1)
        #expect(result.stderr == "huzhu: \(toml): limits.colour: unknown key\n\(toml): limits.timeout: expected a positive number of seconds\n")
    }

    @Test("outside a workspace a script runs bare, without huzhu")
    func bare() throws {
        let scratch = try Scratch()
        try scratch.write("a.lua", "print(huzhu)")
        let result = try CLI.run(["run", "a.lua"], in: scratch.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("huzhu: a.lua:1: undefined global 'huzhu'\n"))
        let dry = try CLI.run(["run", "--dry-run", "a.lua"], in: scratch.url)
        #expect(dry.status == 2)
        #expect(dry.stderr == "Error: --dry-run, --unit and --operator need a workspace (none here; pass --workspace DIR)\n")
    }
}
