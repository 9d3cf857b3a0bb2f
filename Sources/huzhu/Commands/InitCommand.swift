import ArgumentParser
import Foundation
import HuzhuCore

/// `huzhu init DIR`: makes a new workspace.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a workspace: huzhu.toml, a migrated huzhu.db and scripts/ seeded with the stock scripts."
    )

    @Argument(help: ArgumentHelp("The folder to make the workspace in (created if missing).", valueName: "dir"))
    var directory: String

    @Option(name: .customLong("operator"), help: ArgumentHelp("Who writes, recorded in the audit trail.", valueName: "name"))
    var operatorName: String = ProcessInfo.processInfo.environment["USER"] ?? "operator"

    func validate() throws {
        guard !operatorName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--operator must not be empty")
        }
    }

    func run() throws {
        let url = URL(fileURLWithPath: directory)
        let workspace = try Workspace.create(at: url, operatorName: operatorName, stockScripts: StockScripts.files)
        print("made workspace \(directory): \(Workspace.configName), \(Workspace.databaseName), \(Workspace.plansName), "
              + "\(Workspace.scriptsName)/ (\(StockScripts.files.count) stock scripts)")
        print("next: review \(Workspace.plansName) (four standard plans, terms from \(StandardPlans.termStart(covering: workspace.today))), "
              + "then `cd \(directory) && huzhu plans apply \(Workspace.plansName)`")
    }
}
