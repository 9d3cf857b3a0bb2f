import Foundation
import GRDB

/// The workspace folder and its database files (personal data) are
/// owner-only: no group or other user may read them. `huzhu` creates them
/// so (docs/security.md); a workspace made by an older huzhu, or copied
/// with another umask, is named with the command that mends it.
struct FileModeCheck: DoctorCheck {
    let name = "files"
    let summary = "the workspace folder and its database are owner-only"

    func run(_ db: Database, _ environment: DoctorEnvironment, into findings: inout DoctorFindings) throws {
        guard let root = environment.workspaceURL else { return }
        if let mode = Self.mode(root.path), mode & 0o077 != 0 {
            findings.add("the workspace folder is open to other users (mode \(Self.octal(mode))): chmod 700 \(root.path)")
        }
        for name in [Workspace.databaseName, Workspace.databaseName + "-wal", Workspace.databaseName + "-shm"] {
            let path = root.appendingPathComponent(name).path
            if let mode = Self.mode(path), mode & 0o077 != 0 {
                findings.add("\(name) is readable by other users (mode \(Self.octal(mode))): chmod 600 \(path)")
            }
        }
    }

    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int).flatMap { $0 }.map { $0 & 0o777 }
    }

    static func octal(_ mode: Int) -> String {
        "0" + String(mode, radix: 8)
    }
}
