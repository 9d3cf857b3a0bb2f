import ArgumentParser
import Foundation
import LuaHost

/// `huzhu check SCRIPT…`: compiles scripts without running them.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compile Lua scripts without running them.",
        discussion: "Prints each syntax error as `file:line: message`; exits 1 if any script failed."
    )

    @Argument(help: ArgumentHelp("The Lua scripts to check.", valueName: "script"))
    var scripts: [String]

    func validate() throws {
        guard !scripts.isEmpty else { throw ValidationError("name at least one script to check") }
    }

    func run() throws {
        let host = try LuaHost()
        var failed = 0
        for script in scripts {
            do {
                try host.check(try ScriptFile.read(script), name: script)
            } catch let error as LuaError {
                failed += 1
                Diagnostics.write(error.message + "\n")
            } catch {
                failed += 1
                Diagnostics.write("\(error)\n")
            }
        }
        if failed > 0 { terminate(1) }
        print(scripts.count == 1 ? "1 script OK" : "\(scripts.count) scripts OK")
    }
}
