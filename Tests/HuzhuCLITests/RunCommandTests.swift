import Foundation
import Testing

@Suite("huzhu run and huzhu check, through the built binary")
struct RunCommandTests {
    @Test("run prints to stdout and passes arguments as ... and arg")
    func runsScript() throws {
        let dir = try Scratch()
        try dir.write("hello.lua", """
            local a, b = ...
            print("你好", a, b, #arg, arg[2])
            """)
        let result = try CLI.run(["run", "hello.lua", "x", "--y"], in: dir.url)
        #expect(result.stdout == "你好\tx\t--y\t2\t--y\n")
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test("a script error exits 1 with huzhu: chunk:line: message and the traceback on stderr")
    func scriptError() throws {
        let dir = try Scratch()
        try dir.write("subsidy.lua", """
            print("before")
            local function split(x)
              error("union share exceeds budget")
            end
            split(1)
            """)
        let result = try CLI.run(["run", "subsidy.lua"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stdout == "before\n")
        #expect(result.stderr == """
            huzhu: subsidy.lua:3: union share exceeds budget
            stack traceback:
            \t[C]: in function 'error'
            \tsubsidy.lua:3: in local 'split'
            \tsubsidy.lua:5: in main chunk

            """)
    }

    @Test("usage errors exit 2", arguments: [
        (["run"], "Error: Missing expected argument '<script>'"),
        (["run", "missing.lua"], "Error: no such script: missing.lua"),
        (["run", "--timeout", "0", "ok.lua"], "Error: --timeout must be a positive number of seconds (got 0.0)"),
        (["run", "--max-memory", "0", "ok.lua"], "Error: --max-memory must be between 1 and 1048576 MiB (got 0)"),
        (["frobnicate"], "Error: Unexpected argument 'frobnicate'"),
        (["check"], "Error: Missing expected argument '<script> ...'"),
    ])
    func usageErrors(arguments: [String], firstLine: String) throws {
        let dir = try Scratch()
        try dir.write("ok.lua", "return 1")
        let result = try CLI.run(arguments, in: dir.url)
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").first.map(String.init) == firstLine)
    }

    @Test("limits from the command line name the limit that was hit")
    func limits() throws {
        let dir = try Scratch()
        try dir.write("loop.lua", "local n = 0\nwhile true do n = n + 1 end")
        try dir.write("bomb.lua", "local t = {} for i = 1, math.huge do t[i] = {i} end")
        let loop = try CLI.run(["run", "--max-instructions", "10000", "loop.lua"], in: dir.url)
        #expect(loop.status == 1)
        #expect(loop.stderr.hasPrefix("huzhu: loop.lua:2: instruction limit of 10000 exceeded\nstack traceback:\n"))
        let bomb = try CLI.run(["run", "--max-memory", "16", "--max-instructions", "0", "bomb.lua"], in: dir.url)
        #expect(bomb.status == 1)
        #expect(bomb.stderr == "huzhu: memory limit of 16 MiB exceeded\n(no traceback: Lua does not run the message handler for memory errors)\n")
        let slow = try CLI.run(["run", "--timeout", "0.3", "--max-instructions", "0", "loop.lua"], in: dir.url)
        #expect(slow.status == 1)
        #expect(slow.stderr.hasPrefix("huzhu: loop.lua:2: timeout of 0.3 seconds exceeded\n"))
    }

    @Test("--timeout is a hard promise even inside a C function")
    func watchdog() throws {
        let dir = try Scratch()
        // Exponential backtracking inside string.find: no VM instruction runs for minutes.
        try dir.write("stuck.lua", #"print(string.find(string.rep("a", 40), string.rep("a?", 40) .. string.rep("a", 40) .. "b"))"#)
        let start = Date()
        let result = try CLI.run(["run", "--timeout", "0.5", "stuck.lua"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "huzhu: stuck.lua: timeout of 0.5 seconds exceeded; the script did not stop (it was inside a C function), so the process was ended\n")
        #expect(Date().timeIntervalSince(start) < 30)
    }

    @Test("Ctrl-C interrupts the script: exit 130 and the place it was interrupted")
    func interrupt() throws {
        let dir = try Scratch()
        try dir.write("spin.lua", "print('started')\nwhile true do end")
        let result = try CLI.run(["run", "--max-instructions", "0", "spin.lua"], in: dir.url) { process in
            Thread.sleep(forTimeInterval: 0.5)
            kill(process.processIdentifier, SIGINT)
            let pid = process.processIdentifier   // never hang the suite if Ctrl-C is ignored
            DispatchQueue.global().asyncAfter(deadline: .now() + 20) { kill(pid, SIGKILL) }
        }
        #expect(result.status == 130)
        #expect(result.stderr.hasPrefix("huzhu: spin.lua:2: interrupted (Ctrl-C)\n"))
    }

    @Test("a script's print escapes control characters when standard output is a terminal, and passes them through to a file or pipe")
    func printOnATerminal() throws {
        let dir = try Scratch()
        try dir.write("esc.lua", "print('a\\27[2Jb', 'c\\rd')")
        let term = try PseudoTerminal(arguments: ["run", "esc.lua"], in: dir.url)
        #expect(term.waitForExit() == 0)
        #expect(term.waitFor("a\\x1B[2Jb\tc\\rd"), "\(term.transcript.debugDescription)")
        let piped = try CLI.run(["run", "esc.lua"], in: dir.url)
        #expect(piped.stdout == "a\u{1B}[2Jb\tc\rd\n")
    }

    @Test("require finds modules beside a bare script")
    func requireBeside() throws {
        let dir = try Scratch()
        try dir.write("lib/fmt.lua", "return { yuan = function(fen) return string.format('%d.%02d', fen // 100, fen % 100) end }")
        try dir.write("main.lua", "print(require('lib.fmt').yuan(123456))")
        let result = try CLI.run(["run", "main.lua"], in: dir.url)
        #expect(result.stdout == "1234.56\n")
        #expect(result.status == 0)
    }

    @Test("check compiles without running and lists each syntax error as file:line: message")
    func check() throws {
        let dir = try Scratch()
        try dir.write("good.lua", "error('never runs')")
        try dir.write("bad.lua", "local x = = 1")
        try dir.write("open.lua", "function f()\n  return 1\n")
        let ok = try CLI.run(["check", "good.lua"], in: dir.url)
        #expect(ok.status == 0)
        #expect(ok.stdout == "1 script OK\n")
        let bad = try CLI.run(["check", "good.lua", "bad.lua", "open.lua"], in: dir.url)
        #expect(bad.status == 1)
        #expect(bad.stdout == "")
        #expect(bad.stderr == "bad.lua:1: unexpected symbol near '='\nopen.lua:3: 'end' expected (to close 'function' at line 1) near <eof>\n")
    }

    @Test("--version prints the version")
    func version() throws {
        let result = try CLI.run(["--version"])
        #expect(result.stdout == "0.1.0\n")
        #expect(result.status == 0)
    }
}
