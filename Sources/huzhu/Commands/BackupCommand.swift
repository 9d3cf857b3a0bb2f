import ArgumentParser
import Foundation
import HuzhuCore

/// `huzhu backup FILE [--force]`: a consistent copy of the database.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the workspace's database to a file (SQLite's online backup), owner-only.",
        discussion: """
            The copy is the last committed state, taken while other runs go on working (what they \
            have not committed is not in it). The file is written owner-only (0600) and appears \
            whole or not at all; an existing file is refused unless --force. Prints the file's \
            path, size, members, policies and schema, and records the backup in the audit trail. \
            Put it back with `huzhu restore FILE`. A nightly backup with rotation is in \
            docs/security.md ("Backups").

              huzhu backup /srv/backup/huzhu-$(date +%F).db
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @Argument(help: ArgumentHelp("The backup file to write.", valueName: "file"))
    var file: String

    @Flag(help: "Replace the file if it exists.")
    var force = false

    func run() throws {
        let workspace = try workspaceOptions.open()
        let database = try HuzhuDatabase(path: workspace.databaseURL.path, busyTimeout: 60)
        let summary = try database.backup(to: URL(fileURLWithPath: file), overwrite: force, workspace: workspace.root)
        print("backed up to \(summary.description)")
        do {
            try database.recordBackup(summary, context: workspaceOptions.context(in: workspace))
        } catch {
            Diagnostics.write("huzhu: the backup is complete, but it could not be recorded in the audit trail: \(error)\n")
        }
    }
}
