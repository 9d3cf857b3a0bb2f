import Foundation
import GRDB
import Testing
@testable import HuzhuCore

/// A workspace made before bills: contributions were posted Dr fund:cash
/// (as `LedgerStore.postContributions` did), a refund Cr fund:cash, a payout.
/// The migration `createBillsAndReceipts` bills and settles them by new entries only.
@Suite("Migration createBillsAndReceipts: past contributions billed and settled, nothing edited")
struct ReceivableMigrationTests {
    func legacyWorkspace() throws -> (HuzhuDatabase, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("huzhu-migration-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = try HuzhuDatabase(path: directory.appendingPathComponent("huzhu.db").path, migrate: false)
        try Schema.migrator.migrate(database.writer, upTo: "createClaimAdjustments")
        _ = try Fixture.city(in: database)
        let seed = Fixture.context(operator: "seed")
        try database.write { db in
            try Fixture.member(db, "340104198001011234")
            try Fixture.member(db, "340104199006150027", name: "李四")
            try Fixture.member(db, Fixture.residentID(birth: "19850303", sequence: 21), unit: "LY001", name: "王五")
            let enrollment = EnrollmentService(postsContributions: false)
            for id in ["340104198001011234", "340104199006150027", Fixture.residentID(birth: "19850303", sequence: 21)] {
                _ = try enrollment.enroll(db, EnrollmentRequest(residentID: id, planCode: "ACC", shares: 1), context: seed)
            }
            // The old postings, as the code before bills wrote them.
            for (policy, unit, day) in [(1, "BH001", "2012-06-20"), (2, "BH001", "2012-06-21"), (3, "LY001", "2012-06-22")] {
                try db.execute(sql: """
                    INSERT INTO ledgerEntry (entryDate, kind, memo, policyID, unitCode, at, operator)
                    VALUES (?, 'contribution', 'contribution of policy ' || ?, ?, ?, '2012-06-20T00:00:00.000Z', 'seed');
                    INSERT INTO ledgerLine (entryID, account, debit, credit) VALUES (last_insert_rowid(), 'fund:cash', 2600, 0);
                    INSERT INTO ledgerLine (entryID, account, debit, credit)
                    VALUES ((SELECT MAX(id) FROM ledgerEntry), 'contributions:member', 0, 2600);
                    INSERT INTO audit (operator, at, action, operation, tableName, rowKey, summary)
                    VALUES ('seed', '2012-06-20T00:00:00.000Z', 'insert', 'postContribution', 'ledgerEntry', (SELECT MAX(id) FROM ledgerEntry), '{}');
                    """, arguments: [day, policy, policy, unit])
            }
        }
        return (database, directory)
    }

    @Test("each unit's past contributions get a migrated bill and a migrated receipt; check clean, nothing owed, fund:cash unchanged")
    func migrated() throws {
        let (database, directory) = try legacyWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try database.read { (db: Database) throws in
            try Row.fetchAll(db, sql: "SELECT * FROM ledgerEntry ORDER BY id").count
        }
        #expect(before == 3)
        try Schema.migrator.migrate(database.writer)
        let ledger = LedgerService()
        try database.read { (db: Database) throws in
            #expect(try ledger.check(db).description == "ledger ok: 7 entries balance and agree with policies and claims")
            #expect(try ledger.balance(db, account: .fundCash) == Money(fen: 7800))
            #expect(try ledger.balance(db, account: .receivableContributions) == .zero)
            #expect(try ledger.owed(db, unit: nil, asOf: Fixture.date("2013-01-01")).lines.isEmpty)
            let receipts = try Receipt.fetchAll(db, sql: "SELECT * FROM receipt ORDER BY id")
            #expect(receipts.map { "\($0.reference) \($0.unitCode ?? "-") \($0.amount) \($0.receivedOn) \($0.migrated)" } == [
                "migrated-BH001 BH001 52.00 2012-06-21 true", "migrated-LY001 LY001 26.00 2012-06-22 true",
            ])
            let entries = try ledger.page(db, LedgerFilter(from: Fixture.date("2000-01-01")), after: 3, limit: 10)
            #expect(entries.map { "\($0.entry.kind.rawValue) \($0.entry.unitCode) " + ReceiptTests.lines($0).joined(separator: ", ") } == [
                "migration BH001 receivable:contributions 52.00 0.00, fund:cash 0.00 52.00",
                "receipt BH001 fund:cash 52.00 0.00, receivable:contributions 0.00 52.00",
                "migration LY001 receivable:contributions 26.00 0.00, fund:cash 0.00 26.00",
                "receipt LY001 fund:cash 26.00 0.00, receivable:contributions 0.00 26.00",
            ])
            // The old entries are as they were.
            #expect(try String.fetchAll(db, sql: "SELECT account FROM ledgerLine WHERE entryID <= 3 ORDER BY id") == [
                "fund:cash", "contributions:member", "fund:cash", "contributions:member", "fund:cash", "contributions:member",
            ])
            #expect(try AuditLog.entries(db).filter { $0.operatorName == "migration" }.count == 4)
        }
        // A bill after the migration is billed and owed as usual.
        try database.write { db in
            try Fixture.member(db, Fixture.residentID(birth: "19850303", sequence: 33), name: "赵六")
            _ = try EnrollmentService().enroll(db, EnrollmentRequest(residentID: Fixture.residentID(birth: "19850303", sequence: 33),
                                                                     planCode: "ACC", shares: 1), context: Fixture.context(today: Fixture.date("2012-06-25")))
        }
        try database.read { (db: Database) throws in
            #expect(try ledger.owed(db, unit: nil, asOf: Fixture.date("2012-06-30")).total == Money(fen: 2600))
            #expect(try ledger.check(db).isClean)
        }
    }
}
