import Foundation
import GRDB
import Testing

/// A workspace made by `huzhu demo` before bills, receipts and payables (main at
/// 58d029a, `huzhu demo --members 300 --seed 7`, its database in Fixtures/): this
/// huzhu migrates it by new entries only, and the books come out clean with no
/// false arrears (issue 16: "migration of a workspace made by today's huzhu demo").
@Suite("migrating a demo workspace made before issue 16")
struct PreLedgerDemoMigrationTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pre-ledger-demo.db")

    @Test("ledger check is clean, nothing is owed, doctor passes, and no old entry changed")
    func migrated() throws {
        let scratch = try Scratch()
        #expect(try CLI.run(["init", "ws", "--operator", "王会计"], in: scratch.url).status == 0)
        let ws = scratch.url.appendingPathComponent("ws")
        let database = ws.appendingPathComponent("huzhu.db")
        try FileManager.default.removeItem(at: database)
        try FileManager.default.copyItem(at: Self.fixture, to: database)
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
        let old = "SELECT COUNT(*), group_concat(id || kind || entryDate || memo, '|') FROM ledgerEntry WHERE id <= 633"
        let lines = "SELECT group_concat(entryID || account || debit || '/' || credit, '|') FROM ledgerLine WHERE entryID <= 633"
        var readOnly = Configuration()
        readOnly.readonly = true
        let before = try DatabaseQueue(path: Self.fixture.path, configuration: readOnly).read { db in
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
