import Foundation
import Testing

/// Personal data stays with its owner: whatever the umask, a workspace's files
/// are created owner-only (0600, folders 0700).
@Suite("Workspace files are owner-only")
struct FilePermissionTests {
    /// Runs `huzhu ARGS` under `umask 022`, as a shell of a default account would.
    func huzhu(_ arguments: [String], in directory: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "umask 022; exec \"$0\" \"$@\"", CLI.binary.path] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func mode(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int ?? 0) & 0o777
    }

    @Test("init, a write, an unmasked export and a report: 0600 files and 0700 folders under umask 022")
    func ownerOnly() throws {
        let scratch = try Scratch()
        #expect(try huzhu(["init", "ws", "--operator", "保险办"], in: scratch.url) == 0)
        let ws = scratch.url.appendingPathComponent("ws")
        try Data("huzhu.units.create{code = 'FED', name = '市总工会', kind = 'federation'}\n".utf8)
            .write(to: ws.appendingPathComponent("w.lua"))
        #expect(try huzhu(["run", "w.lua"], in: ws) == 0)
        #expect(try huzhu(["export", "members", "--unmasked", "--out", "members.csv"], in: ws) == 0)
        for name in ["huzhu.db", "huzhu.toml", "plans.toml", "scripts/jobs/hello.lua", "members.csv"] {
            #expect(try mode(ws.appendingPathComponent(name)) == 0o600, "\(name)")
        }
        for name in [".", "scripts", "scripts/jobs"] {
            #expect(try mode(ws.appendingPathComponent(name)) == 0o700, "\(name)")
        }
        for name in ["huzhu.db-wal", "huzhu.db-shm"] where FileManager.default.fileExists(atPath: ws.appendingPathComponent(name).path) {
            #expect(try mode(ws.appendingPathComponent(name)) == 0o600, "\(name)")
        }
    }
}
