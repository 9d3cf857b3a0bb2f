import ArgumentParser
import Foundation
import HuzhuCore
import HuzhuScripting
import LuaHost

/// `huzhu run SCRIPT [ARGS…]`: runs a Lua script in the sandbox.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Lua script in the sandbox.",
        discussion: """
            Options go before the script; everything after the script is passed to \
            it, as with `lua`. The script sees its arguments as `...` and in the \
            global `arg`. What it prints goes to standard output. On an error the \
            message and a traceback go to standard error and the exit status is 1 \
            (130 when interrupted).

            Inside a workspace the script gets the `huzhu` module and runs as one \
            transaction: an error, a limit, a timeout or Ctrl-C leaves nothing \
            behind. Outside one it runs bare, without `huzhu`.
            """
    )

    @Argument(help: ArgumentHelp("The Lua script to run.", valueName: "script"))
    var script: String

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("Arguments passed to the script.", valueName: "args"))
    var arguments: [String] = []

    @OptionGroup var limitOptions: LimitOptions

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @Flag(name: .customLong("dry-run"), help: "Run, then roll back and print what would have changed.")
    var dryRun = false

    @Option(name: .customLong("unit"), help: ArgumentHelp("Scope the run to this unit's subtree: nothing else is visible or writable.", valueName: "code"))
    var unit: String?

    func validate() throws {
        try ScriptFile.validateReadable(script)
    }

    func run() throws {
        let source = try ScriptFile.read(script)
        let workspace = try workspaceOptions.openIfPresent()
        if workspace == nil, dryRun || unit != nil || workspaceOptions.operatorName != nil {
            throw ValidationError("--dry-run, --unit and --operator need a workspace (none here; pass --workspace DIR)")
        }
        LuaHost.installInterruptHandler()
        let watchdog = limitOptions.timeout.map { Watchdog(script: script, timeout: $0) }
        defer { watchdog?.cancel() }
        do {
            if let workspace {
                try runInWorkspace(workspace, source: source)
            } else {
                let host = try LuaHost(limits: limitOptions.limits(),
                                       scriptRoot: URL(fileURLWithPath: script).deletingLastPathComponent())
                host.interruptibleByCtrlC = true
                TerminalPrint.install(on: host)
                try host.run(source, name: script, arguments: arguments.map { .string($0) })
            }
        } catch let error as LuaError {
            Diagnostics.report(error)
            terminate(Diagnostics.status(for: error))
        }
        StandardOutput.flush()
    }

    private func runInWorkspace(_ workspace: Workspace, source: String) throws {
        let database = try workspace.openDatabase(wait: limitOptions.wait)
        let runner = try ScriptRunner(
            database: database, databasePath: workspace.databaseURL.path,
            context: workspaceOptions.context(in: workspace),
            scope: unit.map(Scope.unit) ?? .everything,
            limits: limitOptions.limits(defaults: workspace.config.limits),
            scriptRoot: workspace.scriptsURL)
        runner.host.interruptibleByCtrlC = true
        TerminalPrint.install(on: runner.host)
        let outcome = try runner.run(source: source, name: script, arguments: arguments.map { .string($0) }, dryRun: dryRun)
        if dryRun {
            StandardOutput.flush()
            Diagnostics.write(DryRunReport.text(outcome.changes))
            if let t = outcome.policyTotals {
                Diagnostics.write("  money: \(t.count) new \(t.count == 1 ? "policy" : "policies"), contributions \(t.contribution) yuan"
                                  + " (administration \(t.administration), union \(t.union), member \(t.member))\n")
            }
        }
    }
}

/// What `--dry-run` prints (on standard error, so the script's output stays clean).
enum DryRunReport {
    static func text(_ changes: [TableChange]) -> String {
        guard !changes.isEmpty else { return "dry run: rolled back; the script would have changed nothing\n" }
        var lines = ["dry run: rolled back; the script would have changed:"]
        for change in changes.sorted(by: { ($0.tableName, $0.action) < ($1.tableName, $1.action) }) {
            let verb = change.action == "insert" ? "added" : change.action == "update" ? "changed" : change.action
            lines.append("  \(change.tableName): \(change.count) \(change.count == 1 ? "row" : "rows") \(verb)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
