import ArgumentParser
import Foundation
import HuzhuCore

/// `huzhu doctor`: checks a workspace and names every problem.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check a workspace: database integrity, foreign keys, the books, splits, payouts, audit trail, rule versions, jobs.",
        discussion: """
            Prints each check as `ok` or `FAIL`, each problem as `check: what is wrong` naming the table and \
            the row, then `all N checks passed` (exit 0) or which checks failed (exit 1). Only reads. \
            See docs/doctor.md.
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @Option(help: ArgumentHelp("Problems listed per check before counting the rest.", valueName: "n"))
    var limit: Int = 20

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let workspace = try workspaceOptions.open()
        guard FileManager.default.fileExists(atPath: workspace.databaseURL.path) else {
            throw DoctorError(description: "\(workspace.databaseURL.path): no database")
        }
        let database = try HuzhuDatabase(path: workspace.databaseURL.path, migrate: false)
        guard try database.isMigrated() else {
            throw DoctorError(description: "\(workspace.databaseURL.path): the schema is older than this huzhu; "
                              + "any other command brings it up to date")
        }
        let environment = DoctorEnvironment(workspace: workspace, detailLimit: limit)
        let report = try database.read { db in Doctor().run(db, environment) }
        print(report.description)
        if report.passed {
            print(report.verdict)
            return
        }
        Diagnostics.write("huzhu: \(report.verdict)\n")
        terminate(1)
    }
}

/// Why `huzhu doctor` could not check at all.
private struct DoctorError: Error, CustomStringConvertible {
    var description: String
}
