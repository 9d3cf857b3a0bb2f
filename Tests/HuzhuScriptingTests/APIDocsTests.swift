import Foundation
import Testing
import HuzhuScripting
import LuaHost

/// The repository root, from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite("The API documentation is in step with the host")
struct APIDocsTests {
    @Test("docs/huzhu.d.lua is exactly what `huzhu api --luals` generates")
    func definitionsFile() throws {
        let committed = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/huzhu.d.lua"), encoding: .utf8)
        #expect(committed == (try HuzhuAPI.luaLanguageServerDefinitions()),
                "regenerate with: swift run huzhu api --luals > docs/huzhu.d.lua")
    }

    @Test("every registered function is documented in docs/lua-api.md and carries a summary")
    func everyFunctionDocumented() throws {
        let guide = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/lua-api.md"), encoding: .utf8)
        let names = try HuzhuAPI.functionNames()
        #expect(names.count >= 20)
        for name in names {
            #expect(guide.contains("`\(name)(") || guide.contains("`\(name){"), "\(name) is missing from docs/lua-api.md")
        }
        let definitions = try HuzhuAPI.luaLanguageServerDefinitions()
        for name in names {
            let declaration = definitions.components(separatedBy: "\n").firstIndex { $0.hasPrefix("function \(name)(") }
            let index = try #require(declaration, "\(name) has no definition")
            let lines = definitions.components(separatedBy: "\n")
            #expect(lines[..<index].last { $0.hasPrefix("--- ") } != nil, "\(name) has no summary")
        }
    }

    @Test("the functions the Lua state really has are exactly the documented ones")
    func liveTableMatches() throws {
        let fixture = try ScriptFixture()
        let results = try fixture.run("""
            local names = {}
            local function walk(t, path)
              for k, v in pairs(t) do
                if type(v) == "table" then walk(v, path .. "." .. k)
                else names[#names + 1] = path .. "." .. k end
              end
            end
            walk(huzhu, "huzhu")
            table.sort(names)
            return table.concat(names, "\\n")
            """)
        #expect(results == [.string(try HuzhuAPI.functionNames().joined(separator: "\n"))])
    }
}
