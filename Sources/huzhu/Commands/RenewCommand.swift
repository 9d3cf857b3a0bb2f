import ArgumentParser
import Foundation
import HuzhuCore
import HuzhuScripting
import LuaHost

/// `huzhu renew --plan P --to-term T [--unit U] [--dry-run]`.
struct RenewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renew",
        abstract: "Renew a plan into its next term (续保): last term's members get the new term with the same shares.",
        discussion: """
            Members still active who hold a policy of the plan's previous term (its latest term \
            starting before --to-term) are enrolled in the new term with the shares they held, \
            unit by unit as a group enrolment is: eligibility on the new term, the plan's group \
            rule on the unit's headcount for the new term's year, and the split decided by the \
            subsidy rule in force on the new term's start. A unit refused as a whole (group rule, \
            closed) renews no one and the other units go on. Prints each unit's renewed and \
            skipped counts and every member left out with the reason (resident IDs masked unless \
            --unmasked). Record next year's headcounts first (huzhu import headcounts).
            """
    )
    @OptionGroup var workspaceOptions: WorkspaceOptions
    @Option(help: ArgumentHelp("The plan to renew.", valueName: "code")) var plan: String
    @Option(help: ArgumentHelp("The label of the term to renew into.", valueName: "label")) var toTerm: String
    @Option(help: ArgumentHelp("Renew this unit's subtree only (default: every unit).", valueName: "code")) var unit: String?
    @Flag(help: "Renew and report, then roll back: nothing is written.") var dryRun = false
    @Flag(help: "Show resident IDs in full.") var unmasked = false

    func run() throws {
        let workspace = try workspaceOptions.open()
        let database = try workspace.openDatabase()
        let context = workspaceOptions.context(in: workspace)
        // Renewed policies are split by the subsidy rule in force on the new term's start.
        let runner = try ScriptRunner(database: database, databasePath: workspace.databaseURL.path, context: context,
                                      limits: LuaLimits(instructions: 0), scriptRoot: workspace.scriptsURL)
        let request = RenewalRequest(planCode: plan, termLabel: toTerm, unitCode: unit)
        let result = try database.write(dryRun ? .dryRun : .commit, hooks: runner) { session in
            try session.services.enrollment.renew(session.connection, request, context: context)
        }
        print(Self.listing(result, dryRun: dryRun, unmasked: unmasked), terminator: "")
    }

    /// What a renewal did: the totals, each unit's counts, each member skipped.
    static func listing(_ result: RenewalResult, dryRun: Bool, unmasked: Bool) -> String {
        let verb = dryRun ? "would renew" : "renewed"
        var text = "\(verb) \(result.term.planCode) term \(result.previousTerm.label) → \(result.term.label): "
            + "\(result.renewed) policies in \(result.units.count) units, \(result.skipped) members skipped\n"
        if !result.units.isEmpty {
            let rows = result.units.map { unit in
                [unit.unitCode, String(unit.renewed), String(unit.skippedMembers),
                 unit.refusal.isEmpty ? "" : "refused: " + unit.refusal.map { $0.text(unmasked: unmasked) }.joined(separator: "; ")]
            }
            text += "\n" + TextTable.render(header: ["unit", "renewed", "skipped", ""], rows: rows) + "\n"
        }
        let skipped = result.units.flatMap { unit in unit.skipped.map { (unit.unitCode, $0) } }
        if !skipped.isEmpty {
            text += "\nskipped:\n" + skipped.map { "  \($0.0)  \($0.1.text(unmasked: unmasked))\n" }.joined()
        }
        if dryRun { text += "dry run: nothing was written\n" }
        return text
    }
}
