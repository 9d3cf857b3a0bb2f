import Foundation
import Testing

/// `huzhu.sql` runs inside the run's limits (issue 17, item 3): its result counts
/// against the memory limit as it is built, and SQLite is interrupted on the
/// instruction budget, the timeout and Ctrl-C. Each failure rolls the run back.
@Suite("huzhu.sql inside the run's limits")
struct SQLLimitTests {
    /// A query that never ends.
    static let endless = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) AS n FROM r"

    /// A script that writes a unit, then runs `query` (caught by pcall when `caught`), then writes again.
    static func script(_ query: String, caught: Bool = false) -> String {
        let call = caught ? "pcall(huzhu.sql, \"\(query)\")" : "huzhu.sql(\"\(query)\")"
        return """
            huzhu.units.create{code = "BH009", name = "包河某厂工会", kind = "grassroots", parent = "BH"}
            \(call)
            huzhu.units.create{code = "BH010", name = "包河另一厂工会", kind = "grassroots", parent = "BH"}
            """
    }

    /// Runs `huzhu ARGS`, killed after `seconds` so a query that is not stopped cannot hang the suite.
    static func run(_ arguments: [String], in ws: TinyWorkspace, killAfter seconds: Double = 30,
                    signal: (after: Double, number: Int32)? = nil) throws -> CLIResult {
        try CLI.run(arguments, in: ws.url) { process in
            let pid = process.processIdentifier
            if let signal {
                Thread.sleep(forTimeInterval: signal.after)
                kill(pid, signal.number)
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { kill(pid, SIGKILL) }
        }
    }

    @Test("a result larger than the memory limit fails with the memory limit's error, even under pcall, and rolls back")
    func memory() throws {
        let ws = try TinyWorkspace()
        let units = try ws.count("unit")
        // 100,000 rows of 500 bytes: 50 MB of text against a limit of 8 MiB.
        let big = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r WHERE x < 100000) SELECT printf('%0500d', x) AS s FROM r"
        for caught in [false, true] {
            try ws.write("big.lua", Self.script(big, caught: caught))
            let result = try Self.run(["run", "--max-memory", "8", "big.lua"], in: ws)
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr == "huzhu: memory limit of 8 MiB exceeded\n(no traceback: Lua does not run the message handler for memory errors)\n")
            #expect(try ws.count("unit") == units)
        }
    }

    @Test("2,000,000 rows of 500 bytes under --max-memory 64 fail with the limit without the process growing to gigabytes")
    func issueCase() throws {
        let ws = try TinyWorkspace()
        let big = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r WHERE x < 2000000) SELECT printf('%0500d', x) AS s FROM r"
        try ws.write("big.lua", "local rows = huzhu.sql(\"\(big)\")\nprint(#rows)")
        // The process may not map more than 2 GiB: unbounded, the result alone takes about 3 GB.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v 2097152 && exec \"$0\" run --max-memory 64 big.lua", CLI.binary.path]
        process.currentDirectoryURL = ws.url
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 120) { kill(pid, SIGKILL) }
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr == "huzhu: memory limit of 64 MiB exceeded\n(no traceback: Lua does not run the message handler for memory errors)\n")
    }

    @Test("a query without end stops at the instruction limit, even under pcall, and rolls back")
    func instructions() throws {
        let ws = try TinyWorkspace()
        let units = try ws.count("unit")
        for caught in [false, true] {
            try ws.write("loop.lua", Self.script(Self.endless, caught: caught))
            let result = try Self.run(["run", "--max-instructions", "1000000", "loop.lua"], in: ws)
            #expect(result.status == 1, "\(result.stderr)")
            // Under pcall the limit is raised again at the next instruction, on the next line.
            #expect(result.stderr.hasPrefix("huzhu: loop.lua:\(caught ? 3 : 2): instruction limit of 1000000 exceeded\n"), "\(result.stderr)")
            #expect(try ws.count("unit") == units)
        }
    }

    @Test("a query without end stops at the timeout with the timeout's error (not the watchdog's) and rolls back")
    func timeout() throws {
        let ws = try TinyWorkspace()
        let units = try ws.count("unit")
        try ws.write("loop.lua", Self.script(Self.endless))
        let result = try Self.run(["run", "--timeout", "1", "--max-instructions", "0", "loop.lua"], in: ws)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("huzhu: loop.lua:2: timeout of 1.0 seconds exceeded\n"), "\(result.stderr)")
        #expect(try ws.count("unit") == units)
    }

    @Test("one Ctrl-C stops a query without end: exit 130, rolled back")
    func interrupt() throws {
        let ws = try TinyWorkspace()
        let units = try ws.count("unit")
        try ws.write("loop.lua", Self.script(Self.endless))
        let result = try Self.run(["run", "--max-instructions", "0", "loop.lua"], in: ws, signal: (2, SIGINT))
        #expect(result.status == 130, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("huzhu: loop.lua:2: interrupted (Ctrl-C)\n"), "\(result.stderr)")
        #expect(try ws.count("unit") == units)
    }
}
