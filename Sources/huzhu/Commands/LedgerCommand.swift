import ArgumentParser
import Foundation
import HuzhuCore

/// `huzhu ledger balance|trial-balance|journal|check|close|periods`: the fund's double-entry books.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "The mutual-aid fund's books (帐目): receipts, arrears, balances, checks and closed months.",
        discussion: """
            The ledger is append-only double entry: contributions billed to the remitting \
            units by payer, receipts from the bank settling the oldest bills, payouts, \
            refunds and reversals. `check` proves the books balance and agree with the \
            policies, the paid claims, the bills and the receipts; `owed` lists arrears.

            Example: huzhu ledger owed --as-of 2026-12-31

            Read docs/ledger.md for the chart of accounts and every posting.
            """,
        subcommands: [Balance.self, TrialBalance.self, Journal.self, Check.self, Receive.self, ApplyUnapplied.self, Owed.self,
                      Close.self, Periods.self]
    )

    struct Balance: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every account's debits, credits and balance (trial-balance adds the totals and checks them).")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(name: .customLong("as-of"), help: ArgumentHelp("Entries dated on or before this day (YYYY-MM-DD).", valueName: "date"))
        var asOf: String?

        func run() throws {
            let workspace = try workspaceOptions.open()
            let date = try asOf.map { try CivilDate(parsing: $0) }
            let balances = try workspace.openDatabase().read { db in try LedgerService().balances(db, asOf: date) }
            let rows = balances.map { b in
                [b.account.rawValue, b.account.chinese, b.debits.description, b.credits.description, b.balance.description]
            }
            print(TextTable.render(header: ["account", "名称", "debits", "credits", "balance"], rows: rows))
        }
    }

    struct Journal: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The journal: entries with their lines, oldest first.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("Entries dated on or after this day.", valueName: "date")) var from: String?
        @Option(help: ArgumentHelp("Entries dated on or before this day.", valueName: "date")) var to: String?
        @Option(help: ArgumentHelp("Entries touching this account (e.g. fund:cash).", valueName: "account")) var account: String?
        @Option(help: ArgumentHelp("contribution, refund, payout, reversal, adjustment, receipt, application, migration, approval, owed or repayment.", valueName: "kind")) var kind: String?
        @Option(help: ArgumentHelp("Entries of this policy.", valueName: "id")) var policy: Int64?
        @Option(help: ArgumentHelp("Entries of this claim.", valueName: "id")) var claim: Int64?

        func run() throws {
            let workspace = try workspaceOptions.open()
            var filter = LedgerFilter(from: try from.map { try CivilDate(parsing: $0) }, to: try to.map { try CivilDate(parsing: $0) },
                                      account: try account.map { try LedgerAccount(parsing: $0) }, policyID: policy, claimID: claim)
            if let kind {
                guard let parsed = LedgerEntryKind(rawValue: kind) else {
                    throw ValidationError("--kind: '\(kind)' is not one of \(LedgerEntryKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                filter.kind = parsed
            }
            var rows: [[String]] = []
            try workspace.openDatabase().read { db in
                let ledger = LedgerService()
                var after: Int64?
                while true {
                    let page = try ledger.page(db, filter, after: after, limit: 512)
                    guard let last = page.last else { break }
                    after = last.entry.id
                    for detail in page {
                        let e = detail.entry
                        let link = [e.policyID.map { "policy \($0)" }, e.claimID.map { "claim \($0)" }].compactMap { $0 }.joined(separator: ", ")
                        rows.append([String(e.id!), e.entryDate.description, e.kind.rawValue, e.memo, link, "", ""])
                        for line in detail.lines {
                            rows.append(["", "", "", "  " + line.account.rawValue, "",
                                         line.debit.fen == 0 ? "" : line.debit.description,
                                         line.credit.fen == 0 ? "" : line.credit.description])
                        }
                    }
                }
            }
            guard !rows.isEmpty else {
                print("no ledger entries")
                return
            }
            print(TextTable.render(header: ["entry", "date", "kind", "memo / account", "for", "debit", "credit"], rows: rows))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove the books balance and agree with policies and claims.",
            discussion: "Prints each discrepancy and exits 1; prints \"the books balance\" and exits 0 when there is none.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("Per-record discrepancies to list before counting the rest.", valueName: "n"))
        var limit: Int = 100

        func run() throws {
            let workspace = try workspaceOptions.open()
            let report = try workspace.openDatabase().read { db in try LedgerService().check(db, detailLimit: limit) }
            if report.isClean {
                print("the books balance: \(report.entriesChecked) entries agree with the policies and the claims")
                return
            }
            print(report.description)
            let count = report.discrepancies.count + report.omitted
            Diagnostics.write(count == 1 ? "1 discrepancy\n" : "\(count) discrepancies\n")
            terminate(1)
        }
    }
}
