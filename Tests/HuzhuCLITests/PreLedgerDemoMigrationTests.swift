import Foundation
import GRDB
import Testing

/// A workspace made by `huzhu demo` before bills, receipts and payables (main at
/// 58d029a, `huzhu demo --members 40 --seed 7`; its database as SQL in
/// Fixtures/pre-ledger-demo/, one file per concern, loaded in name order): this
/// huzhu migrates it by new entries only, and the books come out clean with no
/// false arrears (issue 16: "migration of a workspace made by today's huzhu demo").
@Suite("migrating a demo workspace made before issue 16")
struct PreLedgerDemoMigrationTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pre-ledger-demo")

    /// Builds the old database at `path` from the fixture's SQL files.
    static func buildOldDatabase(at path: String) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.path).filter { $0.hasSuffix(".sql") }.sorted()
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        try DatabaseQueue(path: path, configuration: configuration).inTransaction { db in
            for file in files {
                try db.execute(sql: try String(contentsOf: fixture.appendingPathComponent(file), encoding: .utf8))
            }
            return .commit
        }
    }

    @Test("ledger check is clean, nothing is owed, doctor passes, and no old entry changed")
    func migrated() throws {
        let scratch = try Scratch()
        #expect(try CLI.run(["init", "ws", "--operator", "王会计"], in: scratch.url).status == 0)
        let ws = scratch.url.appendingPathComponent("ws")
        let database = ws.appendingPathComponent("huzhu.db")
        try FileManager.default.removeItem(at: database)
        let oldFile = scratch.url.appendingPathComponent("old.db")
        try Self.buildOldDatabase(at: oldFile.path)
        try FileManager.default.copyItem(at: oldFile, to: database)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: database.path)

        let check = try CLI.run(["ledger", "check"], in: ws)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasPrefix("the books balance: "), "\(check.stdout)")
        let owed = try CLI.run(["report", "arrears", "--", "2026-12-31"], in: ws)
        #expect(owed.status == 0, "\(owed.stderr)")
        #expect(owed.stdout.contains("没有欠费：所有缴费通知均已结清。"), "\(owed.stdout)")
        let doctor = try CLI.run(["doctor"], in: ws)
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        // The old entries and lines are as they were; the migration only added.
        let old = "SELECT COUNT(*), group_concat(id || kind || entryDate || memo, '|') FROM ledgerEntry WHERE id <= (SELECT MAX(id) FROM ledgerEntry WHERE kind IN ('contribution', 'payout', 'refund', 'reversal'))"
        let lines = "SELECT group_concat(entryID || account || debit || '/' || credit, '|') FROM ledgerLine WHERE entryID <= (SELECT MAX(id) FROM ledgerEntry WHERE kind IN ('contribution', 'payout', 'refund', 'reversal'))"
        var readOnly = Configuration()
        readOnly.readonly = true
        let before = try DatabaseQueue(path: oldFile.path, configuration: readOnly).read { db in
            [try String.fetchOne(db, sql: old.replacingOccurrences(of: "COUNT(*), ", with: "")), try String.fetchOne(db, sql: lines)]
        }
        let after = try DatabaseQueue(path: database.path).read { db in
            [try String.fetchOne(db, sql: old.replacingOccurrences(of: "COUNT(*), ", with: "")), try String.fetchOne(db, sql: lines)]
        }
        #expect(before == after)
        let trial = try CLI.run(["ledger", "trial-balance"], in: ws)
        #expect(trial.status == 0 && trial.stdout.contains("balanced"), "\(trial.stdout)")
    }
}
