import ArgumentParser
import Foundation
import HuzhuCore

/// `huzhu restore FILE [--force]`: puts a backup in place of the database, after checking it.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the workspace's database with a backup, after checking it; the old one is kept aside.",
        discussion: """
            Checks the file before replacing anything: SQLite's integrity check, that it is a Huzhu \
            database no newer than this huzhu, and the doctor's checks of its data (the ledger, \
            splits, payouts, audit trail …). A damaged, foreign or newer file is refused; failing \
            data checks are listed and refused unless --force. Refused while another process (a \
            run, the REPL, the schedule daemon) has the database open. The replaced database is \
            kept as huzhu.db.replaced-YYYYMMDD-HHMMSS, owner-only, and the restore is recorded in \
            the restored database's audit trail. See docs/security.md ("Backups").

              huzhu restore /srv/backup/huzhu-2026-05-01.db
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @Argument(help: ArgumentHelp("The backup file to restore.", valueName: "file"))
    var file: String

    @Flag(help: "Restore even when the doctor's data checks fail (never a damaged or foreign file).")
    var force = false

    func run() throws {
        let workspace = try workspaceOptions.open()
        let result = try DatabaseRestore.restore(URL(fileURLWithPath: file), into: workspace, force: force,
                                                 context: workspaceOptions.context(in: workspace))
        if !result.overridden.isEmpty {
            print("restored despite failing checks (--force):")
            for line in result.overridden { print("  " + line) }
        }
        print("restored \(file): \(result.restored.bytes) bytes, \(result.restored.members) members, "
              + "\(result.restored.policies) policies, schema \(result.restored.schema)")
        if let keptAt = result.keptAt { print("the replaced database is kept at \(keptAt)") }
    }
}
