import Foundation
import HuzhuTestSupport
import Testing

@Suite("huzhu repl, through a pipe and a pseudo-terminal")
struct ReplCommandTests {
    @Test("through a pipe: no prompts, values on stdout, errors on stderr, exit 1 if any input failed")
    func pipe() throws {
        let ws = try TinyWorkspace()
        let ok = try CLI.run(["repl"], in: ws.url, stdin: "=huzhu.members.count()\nx = 2\nfor i = 1, 2 do\n  x = x + i\nend\n=x\n")
        #expect(ok.stdout == "5\n5\n")
        #expect(ok.stderr == "")
        #expect(ok.status == 0)
        let bad = try CLI.run(["repl"], in: ws.url, stdin: "=1\nerror('boom')\n=2\n")
        #expect(bad.stdout == "1\n2\n")
        #expect(bad.stderr == "stdin:1: boom\n")
        #expect(bad.status == 1)
        let open = try CLI.run(["repl"], in: ws.url, stdin: "for i = 1, 2 do\n")
        #expect(open.stderr == "huzhu: incomplete input at end of file\n")
        #expect(open.status == 1)
    }

    @Test("on a terminal: prompts, a Chinese line typed and read back from the persisted history")
    func terminal() throws {
        let ws = try TinyWorkspace()
        let first = try PseudoTerminal(arguments: ["repl"], in: ws.url)
        #expect(first.waitFor("huzhu> "))
        first.type("=huzhu.units.get('BH').name .. '工会'\r")
        #expect(first.waitFor("包河区工会"))
        first.type("for i = 1, 2 do\r")
        #expect(first.waitFor("...> "))
        first.type("end\r")
        first.clear()
        #expect(first.waitFor("huzhu> "))
        first.type("\u{4}")   // Ctrl-D
        #expect(first.waitForExit() == 0)

        let history = try String(contentsOf: ws.url.appendingPathComponent(".huzhu_history"), encoding: .utf8)
        #expect(history.contains("工会"))

        let second = try PseudoTerminal(arguments: ["repl"], in: ws.url)
        #expect(second.waitFor("huzhu> "))
        second.clear()
        second.type("\u{1b}[A\u{1b}[A\r")   // up twice: the Chinese line, then Enter
        #expect(second.waitFor("包河区工会"), "\(second.transcript)")
        second.type(".quit\r")
        #expect(second.waitForExit() == 0)
    }

    @Test("Ctrl-C cancels the running input, not the session")
    func interrupt() throws {
        let ws = try TinyWorkspace()
        let term = try PseudoTerminal(arguments: ["repl", "--max-instructions", "0"], in: ws.url)
        #expect(term.waitFor("huzhu> "))
        term.clear()
        term.type("while true do end\r")
        Thread.sleep(forTimeInterval: 0.5)
        kill(term.process.processIdentifier, SIGINT)
        #expect(term.waitFor("stdin:1: interrupted (Ctrl-C)"), "\(term.transcript)")
        term.clear()
        term.type("=6 * 7\r")
        #expect(term.waitFor("42"))
        #expect(term.waitFor("huzhu> "))   // libedit discards keys typed before its prompt
        term.type("\u{4}")
        #expect(term.waitForExit() == 0, "\(term.transcript)")
    }

    @Test("a typed Ctrl-C at the prompt, on a half-typed line or at a continuation discards the input and keeps the globals; during a statement it interrupts it; Ctrl-D leaves")
    func ctrlCTyped() throws {
        let ws = try TinyWorkspace()
        let term = try PseudoTerminal(arguments: ["repl", "--max-instructions", "0"], in: ws.url, controllingTerminal: true)
        #expect(term.waitFor("huzhu> "))
        term.clear()
        term.type("x = 41\r")
        #expect(term.waitFor("huzhu> "))
        for (keys, shown) in [("", "huzhu> "), ("y = ", "y = "), ("for i = 1, 2 do\r", "   ...> ")] {
            term.clear()
            if !keys.isEmpty {
                term.type(keys)
                #expect(term.waitFor(shown), "\(term.transcript)")
            }
            term.clear()
            term.type("\u{3}")   // Ctrl-C
            #expect(term.waitFor("huzhu> "), "after Ctrl-C on \(keys.debugDescription): \(term.transcript)")
            #expect(term.process.isRunning)
        }
        term.clear()
        term.type("=x + 1\r")   // neither the half line nor the open loop was kept
        #expect(term.waitFor("42"), "\(term.transcript)")
        #expect(term.waitFor("huzhu> "))
        term.clear()
        term.type("while true do end\r")
        Thread.sleep(forTimeInterval: 0.5)
        term.type("\u{3}")
        #expect(term.waitFor("stdin:1: interrupted (Ctrl-C)"), "\(term.transcript)")
        #expect(term.waitFor("huzhu> "))
        term.clear()
        term.type("=x\r")
        #expect(term.waitFor("41"), "\(term.transcript)")
        #expect(term.waitFor("huzhu> "))
        term.type("\u{4}")   // Ctrl-D at an empty prompt leaves
        #expect(term.waitForExit() == 0, "\(term.transcript)")
    }

    @Test(".sql prints the columns in SELECT order")
    func sqlColumnOrder() throws {
        let ws = try TinyWorkspace()
        let out = try CLI.run(["repl"], in: ws.url, stdin: ".sql\nselect code, 1 as n, parentCode as a from unit where code = 'BH'\n")
        #expect(out.stdout == "SQL mode: each line is read-only SQL; .lua to return\ncode  n  a\n----  -  ---\nBH    1  FED\n(1 row)\n")
        #expect(out.status == 0, "\(out.stderr)")
    }

    @Test("resident IDs and phones are masked in everything the REPL prints until .unmask (audited); a control character in a .sql cell is escaped")
    func masking() throws {
        let ws = try TinyWorkspace()
        let id = "340104198001010119"   // 王一
        let input = """
            =huzhu.members.get('\(id)').resident_id
            print(huzhu.members.get('\(id)').resident_id, '0551-1234567', 13812345678)
            .sql
            select residentID, name from member where name = '王一'
            select 'a' || char(10) || 'b' as x, char(27) || '[2J' as y
            .lua
            .unmask
            =huzhu.members.get('\(id)').resident_id
            .mask
            =huzhu.members.get('\(id)').resident_id

            """
        let out = try CLI.run(["repl"], in: ws.url, stdin: input)
        #expect(out.stdout == """
            "340104********0119"
            340104********0119\t0551-***4567\t138****5678
            SQL mode: each line is read-only SQL; .lua to return
            residentID          name
            ------------------  ----
            340104********0119  王一
            (1 row)
            x     y
            ----  -------
            a\\nb  \\x1B[2J
            (1 row)
            masking off: resident IDs and phone numbers are shown in full (recorded in the audit trail); .mask to hide them
            "340104198001010119"
            masking on: resident IDs and phone numbers are masked
            "340104********0119"

            """)
        #expect(out.stderr == "")
        #expect(try ws.count("audit WHERE action = 'unmask' AND operation = 'repl.unmask' AND rowKey = 'everything'") == 1)
    }
}
