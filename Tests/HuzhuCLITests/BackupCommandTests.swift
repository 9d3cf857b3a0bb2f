import Foundation
import GRDB
import HuzhuTestSupport
import HuzhuCore
import Testing

/// `huzhu backup FILE` and `huzhu restore FILE` on the tiny city (5 members, no policies).
@Suite("huzhu backup and huzhu restore")
struct BackupCommandTests {
    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? 0) & 0o777
    }

    @Test("backup writes an owner-only copy, says what it wrote, refuses an existing file without --force, and is audited")
    func backup() throws {
        let ws = try TinyWorkspace()
        let file = ws.scratch.url.appendingPathComponent("nightly.db").path
        let made = try CLI.run(["backup", file], in: ws.url)
        #expect(made.status == 0, "\(made.stderr)")
        let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int ?? 0
        #expect(made.stdout == "backed up to \(file): \(size) bytes, 5 members, 0 policies, schema \(HuzhuDatabase.latestMigration)\n")
        #expect(made.stderr == "")
        #expect(try mode(file) == 0o600)
        let again = try CLI.run(["backup", "../nightly.db"], in: ws.url)
        #expect(again.status == 1)
        #expect(again.stderr == "huzhu: ../nightly.db exists; choose another name, or pass --force to replace it\n")
        #expect(try CLI.run(["backup", "../nightly.db", "--force"], in: ws.url).status == 0)
        let own = try CLI.run(["backup", "huzhu.db", "--force"], in: ws.url)
        #expect(own.status == 1)
        let audit = try DatabaseQueue(path: ws.databasePath).read { db in
            try Row.fetchAll(db, sql: "SELECT operation, rowKey, operator FROM audit WHERE action = 'backup'")
        }
        #expect(audit.count == 2)
        #expect(audit.first?["operation"] == "backupDatabase" && audit.first?["rowKey"] == "nightly.db")
    }

    @Test("restore puts a good backup in place and keeps the replaced database aside; a garbled or foreign file is refused")
    func restore() throws {
        let ws = try TinyWorkspace()
        let file = ws.scratch.url.appendingPathComponent("good.db").path
        #expect(try CLI.run(["backup", file], in: ws.url).status == 0)
        try ws.write("add.lua", "huzhu.members.register{resident_id = '\(TinyCity.residentID(birth: "19660606", sequence: 71))', name = '孙六', unit = 'BH001'}")
        #expect(try CLI.run(["run", "add.lua"], in: ws.url).status == 0)
        #expect(try ws.count("member") == 6)

        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        for index in stride(from: 4096, to: bytes.count, by: 5) { bytes[index] = 0x5A }
        let garbled = ws.scratch.url.appendingPathComponent("garbled.db").path
        try bytes.write(to: URL(fileURLWithPath: garbled))
        let refused = try CLI.run(["restore", garbled, "--force"], in: ws.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("huzhu: \(garbled) "))
        #expect(refused.stderr.hasSuffix("nothing was replaced\n"))
        #expect(try ws.count("member") == 6)

        let foreign = ws.scratch.url.appendingPathComponent("notes.db").path
        try DatabaseQueue(path: foreign).write { db in try db.execute(sql: "CREATE TABLE note (text TEXT)") }
        let notHuzhu = try CLI.run(["restore", foreign], in: ws.url)
        #expect(notHuzhu.status == 1)
        #expect(notHuzhu.stderr == "huzhu: \(foreign) is an SQLite database but not a Huzhu one (no Huzhu schema); nothing was replaced\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.url.path).filter { $0.contains("replaced") }.isEmpty)

        let restored = try CLI.run(["restore", file], in: ws.url)
        #expect(restored.status == 0, "\(restored.stderr)")
        let lines = restored.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("restored \(file): ") == true && lines.first?.hasSuffix(" bytes, 5 members, 0 policies, schema \(HuzhuDatabase.latestMigration)") == true)
        #expect(lines.last?.hasPrefix("the replaced database is kept at \(ws.url.path)/huzhu.db.replaced-2") == true)
        #expect(try ws.count("member") == 5)
        let aside = String(lines.last!.dropFirst("the replaced database is kept at ".count))
        #expect(try mode(aside) == 0o600)
        #expect(try DatabaseQueue(path: aside).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM member") } == 6)
        #expect(try CLI.run(["doctor"], in: ws.url).status == 0)
    }
}
