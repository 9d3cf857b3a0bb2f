import Foundation
import Testing

/// No output path may name the workspace's own files, whatever the spelling,
/// and outputs appear whole: written beside their place and renamed into it.
@Suite("Outputs never overwrite the workspace's own files")
struct OutputPathTests {
    /// A fresh workspace `w` in a scratch folder, with a symbolic link `link.db`
    /// to its database, `s` to its scripts folder, `here` to itself and a hard
    /// link `hard.db` to the database.
    static func workspace() throws -> (scratch: Scratch, root: URL) {
        let scratch = try Scratch()
        let made = try CLI.run(["init", "w"], in: scratch.url)
        #expect(made.status == 0, "\(made.stderr)")
        let root = scratch.url.appendingPathComponent("w")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("link.db").path, withDestinationPath: "huzhu.db")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("s").path, withDestinationPath: "scripts")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("here").path, withDestinationPath: ".")
        try fm.linkItem(atPath: root.appendingPathComponent("huzhu.db").path, toPath: root.appendingPathComponent("hard.db").path)
        return (scratch, root)
    }

    /// Spellings of the workspace's own files, relative to the workspace.
    static func protectedSpellings(_ root: URL) -> [String] {
        ["huzhu.db", "./huzhu.db", root.appendingPathComponent("huzhu.db").path, "scripts/../huzhu.db", "HUZHU.DB",
         "Huzhu.db", "huzhu.db-wal", "huzhu.db-shm", "huzhu.db-journal", "huzhu.toml", "./HUZHU.TOML", "plans.toml",
         "scripts/jobs/hello.lua", "scripts/new-report.txt", "Scripts/jobs/x.txt", "link.db", "hard.db", "s/jobs/hello.lua",
         "here/huzhu.db", "here/here/huzhu.toml"]
    }

    /// The workspace still works: the database opens and the scripts are intact.
    static func expectIntact(_ root: URL, after what: String) throws {
        let doctor = try CLI.run(["report", "participation"], in: root)
        #expect(doctor.status == 0, "\(what): the workspace no longer works: \(doctor.stderr)")
        let hello = try String(contentsOf: root.appendingPathComponent("scripts/jobs/hello.lua"), encoding: .utf8)
        #expect(hello.contains("print"), "\(what): scripts/jobs/hello.lua was overwritten")
        let config = try String(contentsOf: root.appendingPathComponent("huzhu.toml"), encoding: .utf8)
        #expect(config.contains("[[jobs]]"), "\(what): huzhu.toml was overwritten")
    }

    static func expectRefused(_ result: CLIResult, _ what: String) {
        #expect(result.status == 1, "\(what): exit \(result.status) \(result.stderr)")
        #expect(result.stderr.contains("is the workspace's own file"), "\(what): \(result.stderr)")
        #expect(result.stderr.contains("write the output elsewhere"), "\(what): \(result.stderr)")
    }

    /// Runs `command` with each protected spelling as its output path: refused, the workspace intact.
    static func expectEverySpellingRefused(_ what: String, _ command: (String) -> [String]) throws {
        let (scratch, root) = try Self.workspace()
        try scratch.write("members.csv", "resident_id,name,unit\n1,张三,X\n")
        for path in Self.protectedSpellings(root) {
            let arguments = command(path).map { $0 == "$INPUT" ? scratch.url.appendingPathComponent("members.csv").path : $0 }
            Self.expectRefused(try CLI.run(arguments, in: root), "\(what) \(path)")
            try Self.expectIntact(root, after: "\(what) \(path)")
        }
    }

    @Test("huzhu report --out refuses every spelling of the workspace's files")
    func reportOut() throws {
        try Self.expectEverySpellingRefused("report --out") { ["report", "participation", "--out", $0] }
    }

    @Test("huzhu export --out refuses every spelling of the workspace's files")
    func exportOut() throws {
        try Self.expectEverySpellingRefused("export --out") { ["export", "members", "--out", $0] }
    }

    @Test("huzhu import --rejects refuses every spelling of the workspace's files")
    func importRejects() throws {
        try Self.expectEverySpellingRefused("import --rejects") { ["import", "members", "$INPUT", "--skip-invalid", "--rejects", $0] }
    }

    @Test("a job whose output names a workspace file is refused when huzhu.toml is read")
    func jobOutputChecked() throws {
        let (scratch, root) = try Self.workspace()
        _ = scratch
        let config = root.appendingPathComponent("huzhu.toml")
        let original = try String(contentsOf: config, encoding: .utf8)
        for output in ["huzhu.db", "./huzhu.db", "HUZHU.DB", "huzhu.db-wal", "huzhu.toml", "plans.toml", "scripts/jobs/x.txt",
                       "reports/../huzhu.db", "./scripts/{date}.txt"] {
            try Data((original + """

                [[jobs]]
                name = "evil"
                script = "scripts/jobs/hello.lua"
                cron = "0 1 * * *"
                output = "\(output)"

                """).utf8).write(to: config)
            let result = try CLI.run(["schedule", "run", "evil"], in: root)
            #expect(result.status == 1, "output \(output): exit \(result.status)")
            #expect(result.stderr.contains("jobs[") && result.stderr.contains(".output: \"\(output)\" names the workspace's own file"),
                    "output \(output): \(result.stderr)")
            try Data(original.utf8).write(to: config)
            try Self.expectIntact(root, after: "job output \(output)")
        }
    }

    @Test("a job output that reaches a workspace file through a symbolic link is refused when the job runs")
    func jobOutputThroughLink() throws {
        let (scratch, root) = try Self.workspace()
        _ = scratch
        let config = root.appendingPathComponent("huzhu.toml")
        let original = try String(contentsOf: config, encoding: .utf8)
        try Data((original + """

            [[jobs]]
            name = "evil"
            script = "scripts/jobs/hello.lua"
            cron = "0 1 * * *"
            output = "here/huzhu.db"

            """).utf8).write(to: config)
        let result = try CLI.run(["schedule", "run", "evil"], in: root)
        #expect(result.status == 1, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("is the workspace's own file"), "\(result.stderr)")
        try Data(original.utf8).write(to: config)
        try Self.expectIntact(root, after: "job output here/huzhu.db")
    }

    /// Whether this process may make a mount namespace (root, as in CI).
    static let canBindMount: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        probe.arguments = ["-m", "true"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    @Test("the workspace reached through a bind mount (a container's volume) is still protected",
          .enabled(if: OutputPathTests.canBindMount, "needs a mount namespace (root)"))
    func bindMount() throws {
        let (scratch, root) = try Self.workspace()
        let mount = scratch.url.appendingPathComponent("mnt")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        let huzhu = CLI.binary.path
        let script = """
            mount --bind '\(root.path)' '\(mount.path)' || exit 9
            for out in scripts/jobs/hello.lua scripts/new.txt huzhu.db-journal HUZHU.DB huzhu.toml scripts/rules/x.lua; do
              '\(huzhu)' export members --workspace '\(root.path)' --out "\(mount.path)/$out" 2>&1; echo "rc=$?"
            done
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-m", "bash", "-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        let lines = output.split(separator: "\n")
        #expect(lines.filter { $0 == "rc=1" }.count == 6, "\(output)")
        #expect(lines.filter { $0.contains("is the workspace's own file") }.count == 6, "\(output)")
        try Self.expectIntact(root, after: "outputs through a bind mount")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("huzhu.db-journal").path))
    }

    @Test("an output is written whole beside its place and renamed; nothing temporary is left")
    func atomic() throws {
        let (scratch, root) = try Self.workspace()
        let out = scratch.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try scratch.write("out/p.txt", "old")
        #expect(try CLI.run(["report", "participation", "--out", out.appendingPathComponent("p.txt").path], in: root).status == 0)
        #expect(try CLI.run(["export", "members", "--out", out.appendingPathComponent("m.csv").path], in: root).status == 0)
        let report = try String(contentsOf: out.appendingPathComponent("p.txt"), encoding: .utf8)
        #expect(report.hasPrefix("职工互助保障参保情况"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["m.csv", "p.txt"])
    }
}
