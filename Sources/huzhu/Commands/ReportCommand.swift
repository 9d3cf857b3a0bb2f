import ArgumentParser
import Foundation
import HuzhuCore
import HuzhuReport
import HuzhuScripting
import LuaHost

/// `huzhu report NAME`: runs a report script and renders the report it returns.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run a report script and render its report as text, CSV, Markdown or HTML.",
        discussion: """
            NAME is a report of the workspace, scripts/reports/NAME.lua, or a path to \
            a .lua file. The script builds a report with huzhu.report.new{…} and \
            returns it (`return r`); it runs as a dry run, so nothing it does is kept. \
            Arguments after `--` are passed to the script (`...`); what it prints \
            goes to standard error.

            The report goes to standard output, or with --out to a file written \
            atomically. Resident IDs and phone numbers are masked \
            (340104********1234, 138****5678) unless --unmasked. The renderer's own \
            words are Chinese unless --lang en; the script reads the choice with \
            huzhu.report.lang(). See docs/reports.md.
            """
    )

    @Argument(help: ArgumentHelp("The report: NAME for scripts/reports/NAME.lua, or a path to a .lua file.", valueName: "name"))
    var name: String

    @Argument(parsing: .postTerminator, help: ArgumentHelp("Arguments passed to the script, after `--`.", valueName: "args"))
    var arguments: [String] = []

    @Option(name: .long, help: "The output format: text, csv, md or html.")
    var format: ReportFormat = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
    var out: String?

    @Flag(help: "Show resident IDs and phone numbers in full.")
    var unmasked = false

    @Option(name: .long, help: "The language of the renderer's words (生成日期, 合计 …): zh or en.")
    var lang: ReportLanguage = .zh

    @Option(name: .customLong("unit"), help: ArgumentHelp("Scope the report to this unit's subtree.", valueName: "code"))
    var unit: String?

    @OptionGroup var limitOptions: LimitOptions

    @OptionGroup var workspaceOptions: WorkspaceOptions

    func run() throws {
        let workspace = try workspaceOptions.open()
        if let out { try WorkspaceFiles(root: workspace.root).refuse(URL(fileURLWithPath: out)) }
        let (script, shownName) = try ReportScript.locate(name, in: workspace)
        let source = try ScriptFile.read(script)
        let database = try workspace.openDatabase(wait: limitOptions.wait)
        let runner = try ScriptRunner(
            database: database, databasePath: workspace.databaseURL.path,
            context: workspaceOptions.context(in: workspace),
            scope: unit.map(Scope.unit) ?? .everything,
            limits: limitOptions.limits(defaults: workspace.config.limits),
            scriptRoot: workspace.scriptsURL)
        LuaHost.installInterruptHandler()
        runner.host.interruptibleByCtrlC = true
        // What the script prints goes to standard error: standard output is the report's.
        runner.host.output = { bytes in FileHandle.standardError.write(Data(bytes)) }
        let watchdog = limitOptions.timeout.map { Watchdog(script: script, timeout: $0) }
        defer { watchdog?.cancel() }
        let report: Report
        do {
            report = try runner.runReport(source: source, name: shownName, arguments: arguments.map { .string($0) },
                                          language: lang)
        } catch let error as LuaError {
            Diagnostics.report(error)
            terminate(Diagnostics.status(for: error))
        }
        let text = format.render(report, options: RenderOptions(language: lang, unmasked: unmasked))
        if let out {
            do {
                try OutputFile.write(Data(text.utf8), to: URL(fileURLWithPath: out), workspace: workspace.root)
            } catch let error as OutputPathError {
                throw error
            } catch {
                throw ScriptFile.ReadError(description: "cannot write \(out): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}
extension ReportLanguage: ExpressibleByArgument {}

/// Finding a report script by name.
enum ReportScript {
    /// `scripts/reports/NAME.lua` of the workspace, or NAME itself when it is a path to a `.lua` file.
    ///
    /// - Returns: The file, and the name errors show (`scripts/reports/NAME.lua`, or the path as given).
    /// - Throws: `ValidationError` naming what was looked for and the reports there are.
    static func locate(_ name: String, in workspace: Workspace) throws -> (path: String, shown: String) {
        let files = FileManager.default
        if name.hasSuffix(".lua") || name.contains("/") {
            try ScriptFile.validateReadable(name)
            return (name, name)
        }
        let folder = workspace.scriptsURL.appendingPathComponent("reports")
        let path = folder.appendingPathComponent(name + ".lua").path
        guard files.fileExists(atPath: path) else {
            let known = ((try? files.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".lua") }.map { String($0.dropLast(4)) }.sorted()
            throw DataError("no report '\(name)': \(path) does not exist"
                                  + (known.isEmpty ? " (scripts/reports/ has no reports)" : " (reports: \(known.joined(separator: ", ")))"))
        }
        return (path, "scripts/reports/\(name).lua")
    }
}
