import Foundation
import Testing

/// Runs wait for each other (issue 17, item 4): a writer waits for another's
/// write lock up to `--wait` seconds, saying once who holds it; a report reads
/// beside a writer without waiting.
@Suite("Runs wait for each other's write lock", .serialized)
struct WriteLockTests {
    /// A run that holds the write lock for about `seconds` seconds after writing a unit.
    static let hold = """
        huzhu.units.create{code = "BH009", name = "包河某厂工会", kind = "grassroots", parent = "BH"}
        local t = os.time()
        while os.time() - t < 5 do end
        """
    static let second = """
        huzhu.units.create{code = "BH010", name = "包河另一厂工会", kind = "grassroots", parent = "BH"}
        """

    /// Starts `huzhu run hold.lua` in `ws` and returns once it holds the write lock
    /// (its lock file appeared, or after 3 seconds).
    static func startHolder(_ ws: TinyWorkspace) throws -> Process {
        try ws.write("hold.lua", hold)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["run", "--max-instructions", "0", "hold.lua"]
        process.currentDirectoryURL = ws.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 60) { kill(pid, SIGKILL) }
        let info = ws.databasePath + ".lock-info"
        let start = Date()
        while !FileManager.default.fileExists(atPath: info), Date().timeIntervalSince(start) < 3 {
            Thread.sleep(forTimeInterval: 0.05)
        }
        return process
    }

    @Test("a second run waits for the first's write lock, says once who holds it, and then writes")
    func waits() throws {
        let ws = try TinyWorkspace()
        try ws.write("second.lua", Self.second)
        let holder = try Self.startHolder(ws)
        let result = try CLI.run(["run", "--wait", "30", "second.lua"], in: ws.url)
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("huzhu: waiting for the database: hold.lua (operator 王会计, since 20"), "\(result.stderr)")
        #expect(result.stderr.hasSuffix(") holds its write lock; waiting up to 30 seconds (--wait)\n"), "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "waiting").count == 3)   // one line
        #expect(try ws.count("unit WHERE code IN ('BH009', 'BH010')") == 2)
        #expect(!FileManager.default.fileExists(atPath: ws.databasePath + ".lock-info"))
    }

    @Test("with a short --wait the second run fails naming the holder and --wait, and writes nothing")
    func shortWait() throws {
        let ws = try TinyWorkspace()
        try ws.write("second.lua", Self.second)
        let holder = try Self.startHolder(ws)
        defer { holder.waitUntilExit() }
        for wait in ["0", "0.5"] {
            let result = try CLI.run(["run", "--wait", wait, "second.lua"], in: ws.url)
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.contains("huzhu: the database is busy: hold.lua (operator 王会计, since 20"), "\(result.stderr)")
            #expect(result.stderr.hasSuffix(") holds its write lock, and it was not released within the \(wait) seconds waited; "
                                            + "try again when that run has finished, or wait longer with --wait SECONDS "
                                            + "(default 60; `wait` under [limits] in huzhu.toml)\n"), "\(result.stderr)")
        }
        holder.waitUntilExit()
        #expect(try ws.count("unit WHERE code = 'BH010'") == 0)
    }

    @Test("a report reads while another run writes, without waiting for it")
    func reportDuringWrite() throws {
        let ws = try TinyWorkspace()
        try FileManager.default.createDirectory(at: ws.url.appendingPathComponent("scripts/reports"), withIntermediateDirectories: true)
        try ws.write("scripts/reports/units.lua", """
            local r = huzhu.report.new{title = "Units", date = "2026-09-30"}
            r:figure{label = "units", value = huzhu.units.count{}}
            r:figure{label = "by sql", value = huzhu.sql("SELECT count(*) AS n FROM unit")[1].n}
            return r
            """)
        let holder = try Self.startHolder(ws)
        defer { holder.waitUntilExit() }
        let result = try CLI.run(["report", "units"], in: ws.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        // The last committed state: the writer's new unit BH009 is not seen.
        #expect(result.stdout == "Units\n=====\n生成日期：2026-09-30\n\nunits   5\nby sql  5\n", "\(result.stdout)")
        #expect(holder.isRunning)   // it did not wait for the writer to finish
    }
}

/// `huzhu restore` refuses while another process has the database open (issue 17, item 9).
@Suite("restore while another run holds the database", .serialized)
struct RestoreWhileOpenTests {
    @Test("restore is refused while a run holds the database, naming its process; nothing is replaced")
    func refused() throws {
        let ws = try TinyWorkspace()
        let backup = ws.scratch.url.appendingPathComponent("copy.db").path
        #expect(try CLI.run(["backup", backup], in: ws.url).status == 0)
        let holder = try WriteLockTests.startHolder(ws)
        let result = try CLI.run(["restore", backup], in: ws.url)
        holder.waitUntilExit()
        #expect(result.status == 1)
        #expect(result.stderr == "huzhu: huzhu.db is open in process \(holder.processIdentifier) "
                + "(a run, the REPL or the schedule daemon); stop it and restore again\n", "\(result.stderr)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: ws.url.path).filter { $0.contains("replaced") }
        #expect(kept.isEmpty)
        // The run's unit (not in the backup) is in the database: it was not replaced.
        #expect(try ws.count("unit WHERE code = 'BH009'") == 1)
    }
}
