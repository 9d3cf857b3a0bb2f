import ArgumentParser
import Foundation
import HuzhuCore
import HuzhuScripting
import LuaHost

/// `huzhu repl`: an interactive Lua (and read-only SQL) session in a workspace.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Ask the data questions interactively, in Lua or read-only SQL.",
        discussion: """
            On a terminal: line editing, persistent history (.huzhu_history in the \
            workspace), tab completion; Ctrl-C drops the line being typed (or \
            interrupts the running statement, which rolls back) and shows a fresh prompt, \
            keeping the session's globals; Ctrl-D at an empty prompt leaves. Without a terminal it reads standard input line by line with no \
            prompts: `echo '=huzhu.members.count()' | huzhu repl` prints the number; \
            errors go to standard error and the exit status is 1 if any input failed.
            Type .help for the meta-commands.
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions
    @OptionGroup var limitOptions: LimitOptions

    @Option(name: .customLong("unit"), help: ArgumentHelp("Start scoped to this unit's subtree (.scope changes it).", valueName: "code"))
    var unit: String?

    func run() throws {
        let workspace = try workspaceOptions.open()
        let runner = try ScriptRunner(
            database: try workspace.openDatabase(wait: limitOptions.wait), databasePath: workspace.databaseURL.path,
            context: workspaceOptions.context(in: workspace), scope: unit.map(Scope.unit) ?? .everything,
            limits: limitOptions.limits(defaults: workspace.config.limits), scriptRoot: workspace.scriptsURL)
        let session = try ReplSession(runner: runner)
        LuaHost.installInterruptHandler()
        runner.host.interruptibleByCtrlC = true
        let interactive = isatty(STDIN_FILENO) != 0
        var failed = false
        if interactive {
            let editor = LineEditor(historyFile: workspace.root.appendingPathComponent(".huzhu_history").path)
            LineEditor.completer = { session.complete($0) }
            print("Huzhu \(Huzhu.version) — \(workspace.root.lastPathComponent); .help for help, Ctrl-D to leave")
            reading: while true {
                let line: String
                switch editor.readLine(prompt: session.prompt) {
                case .end: break reading
                case .interrupted:
                    // As Python's REPL and shells do: drop the input, keep the session.
                    session.discardPending()
                    print("^C")
                    StandardOutput.flush()
                    LuaHost.resetInterrupts()
                    continue reading
                case .line(let text): line = text
                }
                LuaHost.resetInterrupts()
                let response = session.feed(line)
                if let input = response.completedInput { editor.remember(input) }
                if show(response) { break }
                LuaHost.resetInterrupts()
            }
            print("")
        } else {
            while let line = Swift.readLine(strippingNewline: true) {
                let response = session.feed(line)
                if response.error != nil { failed = true }
                if show(response) { break }
            }
            if session.hasPendingInput {
                Diagnostics.write("huzhu: incomplete input at end of file\n")
                failed = true
            }
        }
        StandardOutput.flush()
        if failed { terminate(1) }
    }

    /// Prints a response; returns true to quit.
    private func show(_ response: ReplSession.Response) -> Bool {
        if !response.output.isEmpty { print(response.output) }
        if let error = response.error { Diagnostics.write(error + "\n") }
        StandardOutput.flush()
        return response.quit
    }
}
