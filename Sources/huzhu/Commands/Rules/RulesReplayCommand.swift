import ArgumentParser
import Foundation
import HuzhuCore
import HuzhuScripting
import LuaHost

extension RulesCommand {
    /// `huzhu rules replay subsidy CANDIDATE.lua --year 2026`.
    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a candidate rule over a year's past decisions, write nothing, and report what would change.",
            discussion: "Prints how many decisions change, the money moved per payer, and the largest differences."
        )
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The rule's name (subsidy).") var name: String
        @Argument(help: "The candidate Lua file.") var candidate: String
        @Option(help: "The plan year whose decisions to replay.") var year: Int
        @Option(help: "How many of the largest differences to list.") var top: Int = 10
        @Flag(help: "Show resident IDs in full.") var unmasked = false

        func validate() throws {
            guard name == "subsidy" else { throw ValidationError("rules replay knows the subsidy rule only (got \(name))") }
            try ScriptFile.validateReadable(candidate)
        }

        func run() throws {
            let workspace = try workspaceOptions.open()
            let database = try workspace.openDatabase()
            let runner = try ScriptRunner(database: database, databasePath: workspace.databaseURL.path,
                                          context: workspaceOptions.context(in: workspace),
                                          limits: LuaLimits(instructions: 0), scriptRoot: workspace.scriptsURL)
            let report = try SubsidyReplay.run(runner: runner, database: database, candidate: try ScriptFile.read(candidate),
                                               name: candidate, year: year)
            func signed(_ fen: Int64) -> String { (fen > 0 ? "+" : "") + Money(fen: fen).description }
            print("replayed \(report.decisions) subsidy decisions of \(year) with \(candidate): \(report.changes.count) would change")
            print("money moved: administration \(signed(report.administration)), union \(signed(report.union)), member \(signed(report.member)) yuan")
            guard !report.changes.isEmpty else { return }
            print("")
            let rows = report.changes.sorted { ($0.size, $1.policyID) > ($1.size, $0.policyID) }.prefix(top).map { c -> [String] in
                [String(c.policyID), unmasked ? c.residentID.value : c.residentID.masked,
                 "\(c.before.administration)/\(c.before.union)/\(c.before.member)",
                 "\(c.after.administration)/\(c.after.union)/\(c.after.member)"]
            }
            print(TextTable.render(header: ["policy", "member", "before (admin/union/member)", "after"], rows: Array(rows)))
        }
    }
}
