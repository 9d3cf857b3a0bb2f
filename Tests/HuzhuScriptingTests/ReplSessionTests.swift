import Foundation
import Testing
import HuzhuCore
import HuzhuScripting
import HuzhuTestSupport
import LuaHost

@Suite("The REPL engine")
struct ReplSessionTests {
    func session(_ f: ScriptFixture) throws -> ReplSession { try ReplSession(runner: try f.runner()) }

    @Test("incomplete inputs ask for more lines, as lua.c does", arguments: [
        ["for i = 1, 2 do", "  total = (rawget(_G, 'total') or 0) + i", "end", "=total"],
        ["local t = {", "  a = 1,", "}", "=3"],
        ["function f(a,", "  b)", "  return a + b", "end", "=f(1, 2)"],
        ["s = [[long", "string]]", "=#s"],
    ])
    func continuation(lines: [String]) throws {
        let f = try ScriptFixture()   // keeps the database folder alive
        let s = try session(f)
        var responses: [ReplSession.Response] = []
        for line in lines { responses.append(s.feed(line)) }
        for r in responses.dropLast(2) { #expect(r.needsMore, "\(lines)") }
        #expect(responses[responses.count - 2].needsMore == false)
        #expect(responses[responses.count - 2].error == nil)
        #expect(responses[responses.count - 2].completedInput == lines.dropLast().joined(separator: "\n"))
        #expect(["3", "11"].contains(responses.last!.output), "\(responses.last!.output)")
    }

    @Test("SQL mode shows control characters from the data escaped, never raw to the terminal")
    func sqlEscapes() throws {
        let f = try ScriptFixture()
        let s = try session(f)
        _ = s.feed(".sql")
        let output = s.feed("SELECT char(27) || '[2Jz' AS v").output
        #expect(!output.unicodeScalars.contains { $0.value == 0x1B })
        #expect(output.contains(#"\x1B[2Jz"#))
    }

    @Test("=expr prints, a trailing ; prints nothing, _ keeps the last value")
    func printing() throws {
        let f = try ScriptFixture()   // keeps the database folder alive
        let s = try session(f)
        #expect(s.feed("1 + 1").output == "2")
        #expect(s.feed("=_ * 10").output == "20")
        #expect(s.feed("42;").output == "")
        #expect(s.feed("=_").output == "42")
        #expect(s.feed("return 1, 'a', nil").output == "1\t\"a\"\tnil")
        #expect(s.feed("x = 5").output == "")
        #expect(s.feed("x").output == "5")
    }

    @Test("nested tables print with cycles and depth limits; record lists as aligned tables with Chinese")
    func prettyPrinting() throws {
        let f = try ScriptFixture()   // keeps the database folder alive
        let s = try session(f)
        _ = s.feed("t = {1, 2, name = '包河区', sub = {ok = true, deep = {deeper = {deepest = 1}}}}; t.me = t")
        #expect(s.feed("=t").output == #"{1, 2, me = <cycle>, name = "包河区", sub = {deep = {deeper = {…}}, ok = true}}"#)
        #expect(s.feed("={{code = 'BH001', name = '包河燃气站', n = 3}, {code = 'X', name = 'ab', n = 12}}").output == """
            code   name        n
            -----  ----------  --
            BH001  包河燃气站  3
            X      ab          12
            (2 rows)
            """)
        #expect(s.feed("=huzhu.members.get").output == "<function>")
    }

    @Test("records from the API print as tables")
    func apiRecords() throws {
        let f = try ScriptFixture()   // keeps the database folder alive
        let s = try session(f)
        let response = s.feed("=huzhu.sql('SELECT code, name FROM unit ORDER BY path')")
        #expect(response.error == nil)
        let out = response.output
        #expect(out == """
            code   name
            -----  ----------
            FED    市总工会
            BH     包河区
            BH001  包河燃气站
            LY     庐阳区
            LY001  庐阳小学
            (5 rows)
            """)
    }

    @Test(".sql reads SQL lines until .lua; writes are refused")
    func sqlMode() throws {
        let f = try ScriptFixture()   // keeps the database folder alive
        let s = try session(f)
        _ = s.feed(".sql")
        #expect(s.prompt == "sql> ")
        #expect(s.feed("SELECT COUNT(*) AS n FROM member").output == "n\n-\n5\n(1 row)")
        #expect(s.feed("SELECT * FROM member WHERE 0").output == "(no rows)")
        #expect(s.feed("DELETE FROM member").error == "huzhu.sql: attempt to write a readonly database")
        _ = s.feed(".lua")
        #expect(s.prompt == "huzhu> ")
    }

    @Test("each input is its own transaction; a failing input leaves nothing; .dry rolls back")
    func transactions() throws {
        let f = try ScriptFixture()
        let s = try session(f)
        #expect(s.feed("huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'}; error('no')").error == "stdin:1: no")
        #expect(try f.count("policy") == 0)
        #expect(s.feed("huzhu.enroll{member = '\(TinyCity.wang)', plan = 'ACC'};").error == nil)
        #expect(try f.count("policy") == 1)
        _ = s.feed(".dry on")
        #expect(s.prompt == "huzhu(dry)> ")
        #expect(s.feed("huzhu.enroll{member = '\(TinyCity.zhang)', plan = 'ACC'};").output == "(dry: rolled back ledgerEntry 1 added, policy 1 added)")
        #expect(try f.count("policy") == 1)
    }

    @Test(".scope limits what the session sees")
    func scope() throws {
        let f = try ScriptFixture()   // keeps the database folder alive
        let s = try session(f)
        #expect(s.feed(".scope LY").output == "scope: LY and its subtree")
        #expect(s.prompt == "huzhu[LY]> ")
        #expect(s.feed("=huzhu.members.count()").output == "2")
        _ = s.feed(".scope off")
        #expect(s.feed("=huzhu.members.count()").output == "5")
    }

    @Test(".scope stays inside the scope the session started with, and refuses unknown units")
    func scopeBounded() throws {
        let f = try ScriptFixture()
        let s = try ReplSession(runner: try f.runner(scope: .unit("BH")))
        #expect(s.feed(".scope LY").error == "no unit LY in this session's scope BH; .scope moves within BH only")
        #expect(s.feed(".scope FED").error == "no unit FED in this session's scope BH; .scope moves within BH only")
        #expect(s.prompt == "huzhu[BH]> ")
        #expect(s.feed(".scope BH001").output == "scope: BH001 and its subtree")
        #expect(s.feed("=huzhu.members.count()").output == "3")
        #expect(s.feed(".scope off").output == "scope: BH and its subtree (this session's own scope)")
        #expect(s.prompt == "huzhu[BH]> ")
        #expect(s.feed("=huzhu.members.count()").output == "3")
        let open = try session(f)
        #expect(open.feed(".scope XX").error == "unknown unit XX")
        #expect(open.prompt == "huzhu> ")
    }

    @Test("completion offers globals, huzhu names and table keys")
    func completion() throws {
        let f = try ScriptFixture()   // keeps the database folder alive
        let s = try session(f)
        #expect(s.complete("huzhu.mem") == ["huzhu.members."])
        #expect(s.complete("huzhu.members.c") == ["huzhu.members.count"])
        _ = s.feed("config = {alpha = 1, beta = 2}")
        #expect(s.complete("config.a") == ["config.alpha"])
        #expect(s.complete("stri") == ["string."])
    }

    @Test("a cancelled input stops; the session goes on")
    func cancel() throws {
        let f = try ScriptFixture()
        let s = try ReplSession(runner: try f.runner(limits: LuaLimits(instructions: 0)))
        let canceller = s.runner.host.canceller
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { canceller.cancel() }
        #expect(s.feed("while true do end").error == "stdin:1: cancelled")
        #expect(s.feed("=1").output == "1")
    }

    @Test("unknown meta-commands say so")
    func unknownMeta() throws {
        let f = try ScriptFixture()   // keeps the database folder alive
        let s = try session(f)
        #expect(s.feed(".frob").error == "unknown command .frob; .help lists them")
        #expect(s.feed(".quit").quit)
    }
}
