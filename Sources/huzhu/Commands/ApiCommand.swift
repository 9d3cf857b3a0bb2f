import ArgumentParser
import HuzhuScripting

/// `huzhu api`: describes the Lua API.
struct ApiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Describe the huzhu Lua API.",
        discussion: "With --luals, print a lua-language-server definition file (docs/huzhu.d.lua is a copy); otherwise list the functions."
    )

    @Flag(name: .customLong("luals"), help: "Print the lua-language-server definitions (---@meta).")
    var luals = false

    func run() throws {
        if luals {
            print(try HuzhuAPI.luaLanguageServerDefinitions(), terminator: "")
        } else {
            for name in try HuzhuAPI.functionNames() { print(name) }
        }
    }
}
