import Foundation
import GRDB
import Testing
@testable import HuzhuCore

/// `HuzhuDatabase.backup` and `DatabaseRestore.restore` on a workspace in a temporary folder.
@Suite("Backup and restore")
struct BackupRestoreTests {
    /// A workspace with the shared city's units and plans and two members.
    final class Place {
        let folder: URL
        let workspace: Workspace
        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("huzhu-backup-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            workspace = try Workspace.create(at: folder.appendingPathComponent("ws"), operatorName: "王会计",
                                             today: Fixture.today, stockScripts: [:])
            let database = try workspace.openDatabase()
            try database.write { db in
                try UnitService().createOffice(db, Office(code: "HQ", name: "市总保险办", kind: .office), context: Fixture.context())
                try UnitService().create(db, UnitDraft(code: "FED", name: "市总工会", kind: .federation, parentCode: nil,
                                                       officeCode: "HQ"), context: Fixture.context())
                try UnitService().create(db, UnitDraft(code: "BH", name: "包河区总工会", kind: .district, parentCode: "FED"),
                                         context: Fixture.context())
                try UnitService().create(db, UnitDraft(code: "BH001", name: "燃气集团工会", kind: .grassroots, parentCode: "BH"),
                                         context: Fixture.context())
                try Fixture.member(db, "340104198001011234")
                try Fixture.member(db, "340104199006150027", name: "李四")
            }
        }
        deinit { try? FileManager.default.removeItem(at: folder) }
        func url(_ name: String) -> URL { folder.appendingPathComponent(name) }
        func members(_ path: String) throws -> Int {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            return try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM member")! }
        }
        func asideFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: workspace.root.path).filter { $0.contains(".replaced-") }
        }
        func mode(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
        }
    }

    @Test("a backup taken while another connection holds an uncommitted write is the committed state, whole and owner-only")
    func consistentWhileWriting() throws {
        let place = try Place()
        let old = umask(0o022)
        defer { umask(old) }
        let reader = try place.workspace.openDatabase()
        let writer = try place.workspace.openDatabase()
        let target = place.url("copy.db")
        var summary: BackupSummary?
        try writer.write { db in
            try Fixture.member(db, "340104197001010018", name: "王五")   // not committed during the backup
            summary = try reader.backup(to: target)
        }
        #expect(summary?.members == 2 && summary?.schema == Schema.migrator.migrations.last)
        #expect(try place.members(target.path) == 2)
        #expect(try place.members(place.workspace.databaseURL.path) == 3)
        #expect(try place.mode(target.path) == 0o600)
        let queue = try DatabaseQueue(path: target.path)
        #expect(try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") } == ["ok"])
        try queue.close()
        #expect(throws: BackupError("\(target.path) exists; choose another name, or pass --force to replace it")) {
            try reader.backup(to: target)
        }
        #expect(try reader.backup(to: target, overwrite: true).members == 3)
        #expect(throws: OutputPathError.self) { try reader.backup(to: place.workspace.databaseURL, overwrite: true, workspace: place.workspace.root) }
    }

    @Test("restoring a good backup replaces the database, keeps the old one aside owner-only and audits in the restored one")
    func restoresGood() throws {
        let place = try Place()
        let target = place.url("good.db")
        _ = try place.workspace.openDatabase().backup(to: target)
        _ = try place.workspace.openDatabase().write { db in try Fixture.member(db, "340104197001010018", name: "王五") }
        let result = try DatabaseRestore.restore(target, into: place.workspace, force: false, context: Fixture.context(operator: "恢复员"),
                                                 now: Date(timeIntervalSince1970: 1_780_000_000))
        #expect(result.restored.members == 2 && result.overridden.isEmpty)
        // 1780000000 is 2026-05-28 20:26:40 UTC, 2026-05-29 04:26:40 in Shanghai.
        #expect(result.keptAt == place.workspace.databaseURL.path + ".replaced-20260529-042640")
        #expect(try place.members(place.workspace.databaseURL.path) == 2)
        #expect(try place.members(result.keptAt!) == 3)
        #expect(try place.mode(result.keptAt!) == 0o600 && place.mode(place.workspace.databaseURL.path) == 0o600)
        let last = try place.workspace.openDatabase().read { db in try AuditLog.entries(db).last! }
        #expect(last.operation == "restoreDatabase" && last.operatorName == "恢复员" && last.action == "restore")
        #expect(last.summary == #"{"failedChecks":0,"forced":false,"from":"good.db"}"#)
        #expect(!FileManager.default.fileExists(atPath: place.workspace.root.path + "/.huzhu.db.restoring-\(getpid())"))
    }

    @Test("a truncated or garbled backup is refused and nothing is replaced")
    func refusesDamaged() throws {
        let place = try Place()
        let good = place.url("good.db")
        _ = try place.workspace.openDatabase().backup(to: good)
        let bytes = try Data(contentsOf: good)
        try bytes.prefix(bytes.count / 2).write(to: place.url("truncated.db"))
        var garbled = bytes
        for index in stride(from: 4096, to: garbled.count, by: 7) { garbled[index] = 0xA5 }
        try garbled.write(to: place.url("garbled.db"))
        try Data("not a database at all".utf8).write(to: place.url("text.db"))
        let before = try Data(contentsOf: place.workspace.databaseURL)
        for name in ["truncated.db", "garbled.db", "text.db"] {
            do {
                _ = try DatabaseRestore.restore(place.url(name), into: place.workspace, force: true, context: Fixture.context())
                Issue.record("\(name) was restored")
            } catch let error as BackupError {
                #expect(error.description.hasSuffix("nothing was replaced"), "\(error)")
                #expect(error.description.hasPrefix(place.url(name).path), "\(error)")
            }
            #expect(try Data(contentsOf: place.workspace.databaseURL) == before)
            #expect(try place.asideFiles().isEmpty)
        }
    }

    @Test("an SQLite file that is not a Huzhu database, and one from a newer huzhu, are refused")
    func refusesForeignAndNewer() throws {
        let place = try Place()
        let foreign = place.url("foreign.db")
        let queue = try DatabaseQueue(path: foreign.path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE note (text TEXT)") }
        try queue.close()
        #expect(throws: BackupError("\(foreign.path) is an SQLite database but not a Huzhu one (no Huzhu schema); nothing was replaced")) {
            try DatabaseRestore.restore(foreign, into: place.workspace, force: true, context: Fixture.context())
        }
        let newer = place.url("newer.db")
        _ = try place.workspace.openDatabase().backup(to: newer)
        let later = try DatabaseQueue(path: newer.path)
        try later.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('createTimeMachine')") }
        try later.close()
        #expect(throws: BackupError("\(newer.path) was written by a newer huzhu (unknown migrations: createTimeMachine); restore it with that version; nothing was replaced")) {
            try DatabaseRestore.restore(newer, into: place.workspace, force: true, context: Fixture.context())
        }
        #expect(try place.asideFiles().isEmpty)
        #expect(try place.members(place.workspace.databaseURL.path) == 2)
    }

    @Test("a backup whose data fails the doctor's checks is refused with the list, and restored with force")
    func refusesFailingChecks() throws {
        let place = try Place()
        let broken = place.url("broken.db")
        _ = try place.workspace.openDatabase().backup(to: broken)
        let queue = try DatabaseQueue(path: broken.path)
        try queue.write { db in try db.execute(sql: "DELETE FROM audit WHERE tableName = 'member'") }
        try queue.close()
        do {
            _ = try DatabaseRestore.restore(broken, into: place.workspace, force: false, context: Fixture.context())
            Issue.record("restored")
        } catch let error as BackupError {
            #expect(error.description == """
                \(broken.path) fails the checks (1 of 9 checks failed: audit):
                  audit: member 1-2: no audit row of their insert (2 rows)
                nothing was replaced; pass --force to restore it anyway
                """)
        }
        #expect(try place.asideFiles().isEmpty)
        let forced = try DatabaseRestore.restore(broken, into: place.workspace, force: true, context: Fixture.context())
        #expect(forced.overridden == ["audit: member 1-2: no audit row of their insert (2 rows)"])
        #expect(try place.asideFiles().count == 1)
    }
}
