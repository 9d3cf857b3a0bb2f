import Foundation
import GRDB
import HuzhuCore
import HuzhuTestSupport
import Testing

/// The corpus of broken CSV files for `huzhu import units|members|policies|targets`,
/// through the built binary into the tiny city's workspace (units FED, BH, LY,
/// BH001, LY001; five members; plans ACC and FEM with 2026 terms; business date
/// 2026-09-30). Each file must fail with exit 1, its exact errors naming file,
/// line and field, and import nothing: every table's row count is unchanged.
///
/// The CSV layer's own cases (encodings, quoting, field limits …) are tested on
/// the reader in CSV*Tests; this corpus runs them end to end, for every kind.
@Suite("Bad input: broken CSV files through huzhu import")
struct BadInputTests {
    struct BrokenFile: Sendable, CustomTestStringConvertible {
        var kind: String
        var name: String
        var bytes: [UInt8]
        var stderr: String
        var testDescription: String { "\(kind) \(name)" }

        init(_ kind: String, _ name: String, _ text: String, _ stderr: String) {
            self.init(kind, name, bytes: Array(text.utf8), stderr)
        }
        init(_ kind: String, _ name: String, bytes: [UInt8], _ stderr: String) {
            self.kind = kind
            self.name = name
            self.bytes = bytes
            self.stderr = stderr
        }
    }

    static let newID = TinyCity.residentID(birth: "19920202", sequence: 77)
    /// 王一's ID with a wrong check character.
    static let wrongCheck = String(TinyCity.wang.dropLast()) + (TinyCity.wang.last == "0" ? "1" : "0")
    /// 王一's 15-digit legacy number: upgraded, it is his 18-character ID, already registered.
    static let legacyWang = String(TinyCity.wang.prefix(6)) + String(TinyCity.wang.dropFirst(8).prefix(9))

    static let corpus: [BrokenFile] = [
        // Encodings.
        BrokenFile("members", "latin1.csv", bytes: Array("resident_id,name,unit\n\(newID),Jos".utf8) + [0xE9] + Array(",BH001\n".utf8), "huzhu: latin1.csv:2: neither UTF-8 nor GB18030: invalid byte 0xE9 at byte offset 44\n"),
        BrokenFile("units", "utf16.csv", bytes: [0xFF, 0xFE] + Array("code,name,kind\n".utf8).flatMap { [$0, 0] }, "huzhu: utf16.csv: UTF-16 text is not supported; save the file as UTF-8 or GB18030\n"),
        BrokenFile("targets", "bom-middle.csv", "unit,year,members,contributions\nBH001,2026,10,260\n\u{FEFF}LY001,2026,5,130\n", "huzhu: bom-middle.csv:3: byte order mark in the middle of the file (were two files joined?)\n"),
        BrokenFile("policies", "nul.csv", bytes: Array("resident_id,plan,shares\n\(TinyCity.wang),AC".utf8) + [0] + Array("C,1\n".utf8), "huzhu: nul.csv:2: NUL byte in field 'plan' (is this a binary or UTF-16 file?)\n"),
        // Shape.
        BrokenFile("units", "empty.csv", "", "huzhu: empty.csv: empty file\n"),
        BrokenFile("targets", "header-only.csv", "unit,year,members,contributions\n", "huzhu: header-only.csv: header only, no data rows\n"),
        BrokenFile("policies", "ragged.csv", "resident_id,plan,shares\n\(TinyCity.wang),ACC\n\(TinyCity.li),FEM,1,extra\n", "ragged.csv:2: expected 3 fields, got 2\nragged.csv:3: expected 3 fields, got 4\nhuzhu: nothing imported: 2 of 2 rows invalid\n"),
        BrokenFile("units", "open-quote.csv", "code,name,kind,parent\nBH002,\"包河二站,grassroots,BH\nBH003,包河三站,grassroots,BH\n", "huzhu: open-quote.csv:2: unterminated quoted field (opened at line 2)\n"),
        BrokenFile("targets", "long-field.csv", "unit,year,members,contributions\n" + String(repeating: "B", count: 100_000) + ",2026,1,1\n", "long-field.csv:2: field 'unit' is 100000 characters long (limit 10000)\nhuzhu: nothing imported: 1 of 1 rows invalid\n"),
        // Values.
        BrokenFile("members", "duplicates.csv", """
            resident_id,name,unit
            \(newID),新人,BH001
            \(newID),新人,BH001
            \(TinyCity.li),李二,BH001
            \(legacyWang),王一,BH001

            """, "duplicates.csv:3: resident_id 340104********0772: duplicate resident_id, first at line 2\nduplicates.csv:4: resident_id 340104********0229: already registered\nduplicates.csv:5: resident_id 340104*****1011: already registered\nhuzhu: nothing imported: 3 of 4 rows invalid\n"),
        BrokenFile("members", "dates-and-checks.csv", """
            resident_id,name,unit,joined_on
            \(wrongCheck),王一,BH001,2020-01-01
            \(newID),新人,BH001,2026-02-30
            \(TinyCity.residentID(birth: "19900230", sequence: 12)),错日,BH001,
            3401041990010112,短号,BH001,

            """, "dates-and-checks.csv:2: resident_id 340104********0110: wrong check character (expected 9, got 0)\ndates-and-checks.csv:3: joined_on 2026-02-30: invalid date \"2026-02-30\" (expected YYYY-MM-DD)\ndates-and-checks.csv:4: resident_id 340104********0120: invalid birth date (1990-02-30)\ndates-and-checks.csv:5: resident_id 340104******0112: must be 18 characters (got 16)\nhuzhu: nothing imported: 4 of 4 rows invalid\n"),
        BrokenFile("policies", "duplicates.csv", """
            resident_id,plan,shares
            \(TinyCity.wang),ACC,1
            \(TinyCity.wang),ACC,1
            \(TinyCity.zhao),FEM,1.5
            \(TinyCity.qian),ACC,-1

            """, "duplicates.csv:3: resident_id 340104********0119: duplicate resident_id, plan and term, first at line 2\nduplicates.csv:4: shares 1.5: invalid whole number \"1.5\"\nduplicates.csv:5: shares -1: shares must be 1–1 (got -1)\nhuzhu: nothing imported: 3 of 4 rows invalid\n"),
        BrokenFile("targets", "money.csv", """
            unit,year,members,contributions
            BH001,2026,10,-26
            LY001,2026,5,12.345
            BH,2026,-1,1e3
            LY,2026-,5,100
            BH001,2026,10,260

            """, "money.csv:2: contributions -26.00: the contributions target must be 0 or more (got -26.00)\nmoney.csv:3: contributions 12.345: invalid amount \"12.345\" (expected yuan such as 12, 12.3 or 12.34)\nmoney.csv:4: contributions 1e3: invalid amount \"1e3\" (expected yuan such as 12, 12.3 or 12.34)\nmoney.csv:5: year 2026-: invalid whole number \"2026-\"\nmoney.csv:6: unit BH001: duplicate target BH001 2026, first at line 2\nhuzhu: nothing imported: 5 of 5 rows invalid\n"),
        BrokenFile("units", "values.csv", """
            code,name,kind,parent,employees
            BH002,包河二站,grassroots,BH,-3
            BH003,包河三站,工厂,BH,
            BH001,重复,grassroots,BH,
            BH004,包河四站,grassroots,XX,1.5

            """, "values.csv:2: employees -3: employee count must be 0 or more (got -3)\nvalues.csv:3: kind 工厂: unknown unit kind \"工厂\" (expected federation, district, county, industry, enterprise, grassroots, or 市总, 区, 县, 产业, 企业, 基层)\nvalues.csv:4: code BH001: unit BH001 already exists\nvalues.csv:5: employees 1.5: invalid whole number \"1.5\"\nhuzhu: nothing imported: 4 of 4 rows invalid\n"),
    ]

    @Test("each broken file: exit 1, its exact errors, nothing imported", arguments: corpus)
    func broken(_ file: BrokenFile) throws {
        let ws = try TinyWorkspace()
        let path = ws.url.appendingPathComponent(file.name)
        try Data(file.bytes).write(to: path)
        let before = try counts(ws)
        let result = try CLI.run(["import", file.kind, file.name], in: ws.url)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == file.stderr)
        #expect(try counts(ws) == before, "rows changed")
    }

    /// Every table's row count.
    func counts(_ ws: TinyWorkspace) throws -> [String: Int] {
        try DatabaseQueue(path: ws.databasePath).read { db in
            var counts: [String: Int] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)")
            }
            return counts
        }
    }
}
