import ArgumentParser
import Foundation
import HuzhuCore

/// The options every workspace command shares.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The workspace folder (default: the nearest one at or above the current folder).", valueName: "dir"))
    var workspace: String?

    @Option(name: .customLong("operator"), help: ArgumentHelp("Who is writing, for the audit trail (default: `operator` in huzhu.toml).", valueName: "name"))
    var operatorName: String?

    func validate() throws {
        if let operatorName, operatorName.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--operator must not be empty")
        }
    }

    /// The workspace named by --workspace, or found from the current folder.
    func open() throws -> Workspace {
        try Workspace.find(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                           explicit: workspace.map { URL(fileURLWithPath: $0) })
    }

    /// The workspace if one is named or found; nil when there is none (a bare script).
    /// A workspace whose huzhu.toml is broken is an error, not "none".
    func openIfPresent() throws -> Workspace? {
        do { return try open() } catch let error as Workspace.WorkspaceError where workspace == nil {
            _ = error
            return nil
        }
    }

    /// The write context for `workspace`: operator, business date, script.
    func context(in workspace: Workspace, script: String? = nil, scriptSHA256: String? = nil) -> WriteContext {
        var context = WriteContext(operator: operatorName ?? workspace.config.operatorName,
                                   scriptName: script, scriptSHA256: scriptSHA256, today: workspace.today)
        context.dueDays = workspace.config.money.dueDays
        return context
    }
}
