import ArgumentParser
import Foundation
import HuzhuCore
import HuzhuScripting
import LuaHost

extension RulesCommand {
    /// `huzhu rules apply subsidy --year 2026 [--unit CODE] [--dry-run]`.
    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the rule in force today to the policies already written (re-split a year's policies).",
            discussion: """
                Decides every active policy of the year (of the unit's subtree with --unit) again \
                with the subsidy rule in force on the business date, in one transaction. Each \
                policy whose split changes is updated, gets a decision naming the rule version, \
                and gets one adjusting ledger entry moving the difference per payer part \
                (refused in a closed period, E950; docs/ledger.md). The union's share must stay within the unit's subsidy budget. Any error leaves \
                nothing. Prints the policies examined and changed, and the money moved per payer.
                """
        )
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The rule's name (subsidy).") var name: String
        @Option(help: "The plan-term year whose policies to decide again.") var year: Int
        @Option(help: ArgumentHelp("Only the policies of this unit's subtree.", valueName: "code")) var unit: String?
        @Flag(help: "Decide and report, then roll back: nothing is written.") var dryRun = false

        func validate() throws {
            guard name == "subsidy" else { throw ValidationError("rules apply knows the subsidy rule only (got \(name))") }
        }

        func run() throws {
            let workspace = try workspaceOptions.open()
            let database = try workspace.openDatabase()
            let today = workspace.today
            let scope = unit.map(Scope.unit) ?? .everything
            let runner = try ScriptRunner(database: database, databasePath: workspace.databaseURL.path,
                                          context: workspaceOptions.context(in: workspace), scope: scope,
                                          limits: LuaLimits(instructions: 0), scriptRoot: workspace.scriptsURL)
            // The versions in force are read once, when the door opens the transaction that
            // applies them, so the policies' script hash and the decisions' version cannot disagree.
            let (version, summary) = try database.write(dryRun ? .dryRun : .commit, scope: scope, hooks: runner) { session in
                guard let version = session.rules.version(name, on: today) else {
                    throw DataError("rule \(name) has no version in force on \(today); activate one with `huzhu rules activate`")
                }
                let context = workspaceOptions.context(in: workspace, script: "rules/\(name).lua", scriptSHA256: version.sha256)
                let summary = try SubsidyResplit(scope: scope, formula: runner.subsidy)
                    .apply(session.connection, year: year, context: context)
                return (version, summary)
            }
            func signed(_ fen: Int64) -> String { (fen > 0 ? "+" : "") + Money(fen: fen).description }
            let place = unit.map { " of unit \($0)" } ?? ""
            print("\(dryRun ? "would apply" : "applied") \(name) version \(version.shortHash) (in force on \(today)) "
                  + "to \(summary.examined) active policies of \(year)\(place): \(summary.changed) changed")
            print("money moved: administration \(signed(summary.administration)), union \(signed(summary.union)), "
                  + "member \(signed(summary.member)) yuan")
            if dryRun { print("dry run: nothing was written") }
        }
    }
}
