import Foundation
import GRDB
import Testing
@testable import HuzhuCore

/// Debian's SQLite is built with ENABLE_FTS3_TOKENIZER: `fts3_tokenizer(name, pointer)`
/// registers an arbitrary pointer as a tokenizer. Every Huzhu connection turns it off
/// (issue 17, item 5), so not even SQL outside `huzhu.sql`'s allow-list can use it.
@Suite("the FTS3 tokenizer is off on every connection")
struct FTS3TokenizerTests {
    @Test("registering a pointer fails on the writer and on readers of a file database")
    func off() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fts3-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try HuzhuDatabase(path: folder.appendingPathComponent("huzhu.db").path)
        let register = "SELECT fts3_tokenizer('evil', x'4141414141414141')"
        #expect(throws: DatabaseError.self) { try database.write { db in try Row.fetchOne(db, sql: register) } }
        #expect(throws: DatabaseError.self) { try database.read { db in try Row.fetchOne(db, sql: register) } }
        let memory = try HuzhuDatabase.inMemory()
        #expect(throws: DatabaseError.self) { try memory.write { db in try Row.fetchOne(db, sql: register) } }
    }
}
