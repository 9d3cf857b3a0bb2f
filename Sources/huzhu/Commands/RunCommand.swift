import ArgumentParser
import Foundation
import LuaHost

/// `huzhu run SCRIPT [ARGS…]`: runs a Lua script in the sandbox.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Lua script in the sandbox.",
        discussion: """
            Options go before the script; everything after the script is passed to \
            it, as with `lua`. The script sees its arguments as `...` and in the \
            global `arg`. What it \
            prints goes to standard output. On an error the message and a traceback \
            go to standard error and the exit status is 1 (130 when interrupted).
            """
    )

    @Argument(help: ArgumentHelp("The Lua script to run.", valueName: "script"))
    var script: String

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("Arguments passed to the script.", valueName: "args"))
    var arguments: [String] = []

    @OptionGroup var limitOptions: LimitOptions

    func validate() throws {
        try ScriptFile.validateReadable(script)
    }

    func run() throws {
        let source = try ScriptFile.read(script)
        let host = try LuaHost(limits: limitOptions.limits,
                               scriptRoot: URL(fileURLWithPath: script).deletingLastPathComponent())
        LuaHost.installInterruptHandler()
        host.interruptibleByCtrlC = true
        let watchdog = limitOptions.timeout.map { Watchdog(script: script, timeout: $0) }
        defer { watchdog?.cancel() }
        do {
            try host.run(source, name: script, arguments: arguments.map { .string($0) })
        } catch let error as LuaError {
            Diagnostics.report(error)
            terminate(Diagnostics.status(for: error))
        }
        fflush(stdout)
    }
}
