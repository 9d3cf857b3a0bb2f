import Foundation
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import Testing

@Suite("docs/lua-api.md's Errors example")
struct ErrorPositionDocTests {
    /// The first Lua block under "## Errors", run as enroll.lua; every `print(…)   --> text`
    /// line's text must be exactly what it printed.
    @Test("pcall(huzhu.enroll, …) gives no position; pcall(function() … end) keeps the script's line")
    func errorsExample() throws {
        let guide = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/lua-api.md"), encoding: .utf8)
        let section = try #require(guide.components(separatedBy: "\n## Errors\n").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```lua\n").dropFirst().first?.components(separatedBy: "```").first)
        let expected = block.split(separator: "\n").compactMap { line in
            line.range(of: "--> ").map { String(line[$0.upperBound...]) }
        }
        #expect(expected.count == 2, "\(block)")
        let fixture = try ScriptFixture()
        let runner = try fixture.runner()
        var printed = ""
        runner.host.output = { bytes in printed += String(decoding: bytes, as: UTF8.self) }
        try runner.run(source: block, name: "enroll.lua")
        #expect(printed.split(separator: "\n").map(String.init) == expected)
        #expect(expected.first?.hasPrefix("E506 ") == true)
        #expect(expected.last?.hasPrefix("enroll.lua:4: E506 ") == true)
    }
}
