import Foundation
import Testing
@testable import HuzhuCore

/// The lock file beside the database (`huzhu.db.lock-info`) that names the
/// writer a waiting run reports (issue 17, item 4).
@Suite("The write lock's holder file")
struct WriteLockInfoTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("huzhu-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a writer names itself while it writes (owner-only file) and removes the file after")
    func namesItself() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("huzhu.db").path
        let lock = WriteLock(databasePath: path, wait: 1, what: "x.lua", operatorName: "王会计")
        let database = try HuzhuDatabase(path: path, lock: lock)
        lock.describe(what: "scripts/jobs/enroll.lua", operatorName: "李出纳")
        let seen: WriteLock.Holder? = try database.write(.commit) { _ in lock.holder() }
        #expect(seen?.what == "scripts/jobs/enroll.lua")
        #expect(seen?.operatorName == "李出纳")
        #expect(seen?.pid == getpid())
        #expect(!FileManager.default.fileExists(atPath: lock.infoPath))
        // Owner-only while it exists.
        lock.acquired()
        let mode = try FileManager.default.attributesOfItem(atPath: lock.infoPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        lock.released()
        #expect(!FileManager.default.fileExists(atPath: lock.infoPath))
    }

    @Test("a file left by a process that has ended is ignored")
    func stale() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let path = dir.appendingPathComponent("huzhu.db").path
        let holder = WriteLock.Holder(what: "gone.lua", operatorName: "x", since: "2026-12-01 08:00:00", pid: ended.processIdentifier)
        try JSONEncoder().encode(holder).write(to: URL(fileURLWithPath: path + ".lock-info"))
        let lock = WriteLock(databasePath: path, wait: 0, operatorName: "y")
        #expect(lock.holder() == nil)
        #expect(lock.waitError().description.hasPrefix("the database is busy: another process holds its write lock"))
    }
}
