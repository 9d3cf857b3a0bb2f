import ArgumentParser
import Foundation
import HuzhuCore

/// `huzhu policies cancel`: policies (保单) after enrolment.
struct PoliciesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policies",
        abstract: "Change policies after enrolment: cancel one (退保) with its term's refund rule.",
        discussion: """
            Example: huzhu policies cancel 17 --date 2026-09-30 --reason "changed employer" --dry-run
            """,
        subcommands: [Cancel.self]
    )

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel an active policy on a date with its term's refund rule, the refund posted to the ledger.",
            discussion: """
                The date is the policy's last covered day (claims for later incidents are refused). \
                The refund is what the term's refund rule gives (before_start: all before the cover starts, \
                none after; pro_rata: the unexpired days' share; none), shared back to administration, \
                union and member in proportion to what each paid, and posted to the ledger as one refund entry.
                """)
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: ArgumentHelp("The policy's id (huzhu.policies.each or the policies export list them).", valueName: "id"))
        var id: Int64
        @Option(help: ArgumentHelp("The last covered day, YYYY-MM-DD; the business date by default.", valueName: "date"))
        var date: String?
        @Option(help: ArgumentHelp("Why the policy is cancelled (recorded and audited).", valueName: "reason"))
        var reason: String
        @Option(name: .customLong("unit"), help: ArgumentHelp("Act as this unit's subtree: a policy outside it is refused.", valueName: "code"))
        var unit: String?
        @Flag(name: .customLong("dry-run"), help: "Say what would happen and write nothing.") var dryRun = false

        func run() throws {
            let day: CivilDate?
            do {
                day = try date.map { try CivilDate(parsing: $0) }
            } catch {
                throw ArgumentParser.ValidationError("--date: \(error) (expected YYYY-MM-DD)")
            }
            try PlansCommand.reporting {
                let workspace = try workspaceOptions.open()
                let database = try workspace.openDatabase()
                let context = workspaceOptions.context(in: workspace)
                let result = try database.write(dryRun ? .dryRun : .commit, scope: unit.map(Scope.unit) ?? .everything) { session in
                    try session.services.enrollment.cancel(session.connection, policyID: id, on: day, reason: reason,
                                                           context: context)
                }
                print(Self.describe(result, would: dryRun))
                if dryRun { print("dry run: nothing was written") }
            }
        }

        static func describe(_ c: Cancellation, would: Bool) -> String {
            let policy = c.policy
            var text = "\(would ? "would cancel" : "cancelled") policy \(policy.id!) (\(policy.planCode) \(policy.year)): "
                + "covered to \(policy.cancelledOn!), reason: \(policy.cancelReason ?? "")\n"
            text += "refund (\(c.refundRule.rawValue)): \(c.refund.total)"
            if c.refund.total.fen > 0 {
                text += " = administration \(c.refund.administration) + union \(c.refund.union) + member \(c.refund.member)"
            }
            if let entry = c.entryID { text += ", ledger entry \(entry)" }
            return text
        }
    }
}
