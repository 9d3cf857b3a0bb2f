import HuzhuCore
import LuaHost

/// The `huzhu` Lua API as a whole, for documentation and editors.
public enum HuzhuAPI {
    /// The lua-language-server definition file (`---@meta`), generated from
    /// the modules a runner's host actually registers.
    public static func luaLanguageServerDefinitions() throws -> String {
        let runner = try ScriptRunner(database: try HuzhuDatabase.inMemory(), databasePath: nil,
                                      context: WriteContext(operator: "api"))
        return LuaDefinitions.luaLanguageServer(modules: runner.host.modules, classes: HuzhuModule.classes)
    }

    /// Every function's full name (`huzhu.members.each`), as registered.
    public static func functionNames() throws -> [String] {
        let runner = try ScriptRunner(database: try HuzhuDatabase.inMemory(), databasePath: nil,
                                      context: WriteContext(operator: "api"))
        var names: [String] = []
        func walk(_ module: LuaModule, _ path: String) {
            for entry in module.entries {
                switch entry {
                case .function(let name, _, _): names.append("\(path).\(name)")
                case .value(let name, _, _): names.append("\(path).\(name)")
                case .module(let sub): walk(sub, "\(path).\(sub.name)")
                }
            }
        }
        for module in runner.host.modules { walk(module, module.name) }
        return names.sorted()
    }
}
