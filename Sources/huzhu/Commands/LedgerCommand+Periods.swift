import ArgumentParser
import Foundation
import HuzhuCore

extension LedgerCommand {
    /// `huzhu ledger close --through YYYY-MM`.
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close the books through a month: entries dated in it or before are refused from then on.",
            discussion: """
                Closing is forward-only (a closed month is never reopened: what was reported for it \
                stays true); a correction is posted in the open period. A federation operation, \
                audited. Example: huzhu ledger close --through 2026-06. See docs/ledger.md, "Closed periods".
                """)
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("The last month to close, YYYY-MM (it must have ended).", valueName: "month"))
        var through: String
        @Option(name: .customLong("unit"), help: ArgumentHelp("Act as this unit's subtree (closing is then refused: E251).", valueName: "code"))
        var unit: String?
        @Flag(name: .customLong("dry-run"), help: "Say what would happen and write nothing.") var dryRun = false

        func run() throws {
            try PlansCommand.reporting {
                let workspace = try workspaceOptions.open()
                let context = workspaceOptions.context(in: workspace)
                let closing = try workspace.openDatabase().write(dryRun ? .dryRun : .commit,
                                                                 scope: unit.map(Scope.unit) ?? .everything) { session in
                    try session.services.ledger.close(session.connection, through: through, context: context)
                }
                print("\(dryRun ? "would close" : "closed") the books through \(closing.throughMonth): "
                      + "entries dated on or before \(closing.throughDate) are refused; corrections go to the open period")
                if dryRun { print("dry run: nothing was written") }
            }
        }
    }

    /// `huzhu ledger periods`.
    struct Periods: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the closings of the books, oldest first; the last is the period closed.",
            discussion: "Example: huzhu ledger periods. See docs/ledger.md, \"Closed periods\".")
        @OptionGroup var workspaceOptions: WorkspaceOptions

        func run() throws {
            let workspace = try workspaceOptions.open()
            let closings = try workspace.openDatabase().read { db in try LedgerService().periods(db) }
            guard let last = closings.last else {
                print("no period is closed: every date is open (close one with `huzhu ledger close --through YYYY-MM`)")
                return
            }
            let rows = closings.map { [$0.throughMonth, $0.throughDate.description, $0.closedOn.description, $0.operatorName] }
            print(TextTable.render(header: ["closed through", "last day", "closed on", "operator"], rows: rows))
            print("open period: from \(last.throughDate.adding(days: 1))")
        }
    }

    /// `huzhu ledger trial-balance [--as-of D]`.
    struct TrialBalance: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trial-balance",
            abstract: "The trial balance (试算平衡表): every account's debits, credits and balance, with totals.",
            discussion: """
                Every account of the chart is listed, with nothing posted as 0.00; total debits equal \
                total credits when the books balance (exit 1 otherwise). Example: \
                huzhu ledger trial-balance --as-of 2026-06-30. See docs/ledger.md.
                """)
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(name: .customLong("as-of"), help: ArgumentHelp("Entries dated on or before this day (YYYY-MM-DD).", valueName: "date"))
        var asOf: String?

        func run() throws {
            let date: CivilDate?
            do {
                date = try asOf.map { try CivilDate(parsing: $0) }
            } catch {
                throw ArgumentParser.ValidationError("--as-of: \(error) (expected YYYY-MM-DD)")
            }
            let workspace = try workspaceOptions.open()
            let trial = try workspace.openDatabase().read { db in try LedgerService().trialBalance(db, asOf: date) }
            var rows = trial.accounts.map { b in
                [b.account.rawValue, b.account.chinese, b.debits.description, b.credits.description, b.balance.description]
            }
            rows.append(["total", "合计", trial.debits.description, trial.credits.description, ""])
            print(TextTable.render(header: ["account", "名称", "debits", "credits", "balance"], rows: rows))
            let asOfText = date.map { " as of \($0)" } ?? ""
            if trial.isBalanced {
                print("balanced\(asOfText): debits \(trial.debits) = credits \(trial.credits)")
            } else {
                Diagnostics.write("huzhu: the trial balance does not balance\(asOfText): debits \(trial.debits), credits \(trial.credits); run `huzhu ledger check`\n")
                throw ExitCode(1)
            }
        }
    }
}
