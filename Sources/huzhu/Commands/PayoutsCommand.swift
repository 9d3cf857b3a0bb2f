import ArgumentParser
import Foundation
import HuzhuCore

/// `huzhu payouts batch|reconcile|account|payee`: approved benefits paid through the bank (代发).
struct PayoutsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payouts",
        abstract: "Pay approved claims through the bank (代发): payee accounts, the batch file, the bank's answer.",
        discussion: """
            Record members' bank accounts (account) or a claim's other payee (payee), write the \
            bank's file for the approved claims (batch), then read the bank's answer (reconcile). \
            Account numbers are masked everywhere but in the bank's file. Example: \
            huzhu payouts batch --out bank/2026-11-05.csv. See docs/payouts.md.
            """,
        subcommands: [Batch.self, Reconcile.self, Account.self, Payee.self]
    )

    /// The rows of a batch's or an answer's items: reference, claim, payee, masked account, amount, message.
    static func table(_ items: [PayoutItem], message: Bool = false) -> String {
        let rows = items.map { item in
            [item.reference, String(item.claimID), item.payee, item.accountMasked, item.amount.description]
                + (message ? [item.message ?? ""] : [])
        }
        return TextTable.render(header: ["reference", "claim", "payee", "account", "amount"] + (message ? ["message"] : []),
                                rows: rows)
    }

    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the bank's batch file for approved claims with a payee account, and mark them sent.",
            discussion: """
                The file is UTF-8 with a byte order mark, columns reference,payee,account,amount \
                (the account in full, the amount in yuan), written owner-only; it never replaces a \
                file. Refused when the total is more than the bank balance (fund:cash less the \
                batches awaiting an answer). Example: huzhu payouts batch --out bank/2026-11-05.csv. \
                Then send the file to the bank and read its answer with huzhu payouts reconcile. \
                See docs/payouts.md.
                """)
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("The bank's file to write.", valueName: "file")) var out: String
        @Option(help: ArgumentHelp("The day it is sent (default today).", valueName: "date")) var date: String?
        @Option(help: ArgumentHelp("Pay this unit's subtree only (a scoped run).", valueName: "code")) var unit: String?
        @Flag(help: "List what would be sent, then roll back: no file, nothing marked.") var dryRun = false

        func run() throws {
            let workspace = try workspaceOptions.open()
            let context = workspaceOptions.context(in: workspace)
            let day = try date.map { try CivilDate(parsing: $0) }
            let result = try workspace.openDatabase().write(dryRun ? .dryRun : .commit, scope: unit.map(Scope.unit) ?? .everything) {
                session in
                try session.services.payouts.batch(session.connection, file: URL(fileURLWithPath: out),
                                                   workspace: workspace.root, on: day, context: context)
            }
            print(PayoutsCommand.table(result.items))
            if dryRun {
                print("would send batch: \(result.batch.count) claims, \(result.batch.total) yuan\ndry run: nothing was written")
            } else {
                print("batch \(result.batch.id!) sent on \(result.batch.sentOn): \(result.batch.count) claims, "
                      + "\(result.batch.total) yuan, written to \(out) (owner-only)")
                print("Send the file to the bank; read its answer with: huzhu payouts reconcile FILE")
            }
        }
    }

    struct Reconcile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read the bank's answer: pay the claims it paid, list the payments it could not make.",
            discussion: """
                Columns reference,status,date,message; status success or failed (成功/失败); UTF-8 \
                or GB18030. Successes pay their claims on the bank's date; failures stay approved for \
                the next batch, listed with the bank's message. All or nothing: an unknown reference \
                refuses the file naming its line. Example: huzhu payouts reconcile bank/answer.csv. \
                See docs/payouts.md.
                """)
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: ArgumentHelp("The bank's answer file.", valueName: "file")) var file: String
        @Option(help: ArgumentHelp("Settle this unit's subtree only (a scoped run).", valueName: "code")) var unit: String?
        @Flag(help: "Check and report, then roll back: nothing is written.") var dryRun = false

        func run() throws {
            let workspace = try workspaceOptions.open()
            let context = workspaceOptions.context(in: workspace)
            let result = try workspace.openDatabase().write(dryRun ? .dryRun : .commit, scope: unit.map(Scope.unit) ?? .everything) {
                session in
                try session.services.payouts.reconcile(session.connection, file: URL(fileURLWithPath: file), context: context)
            }
            print("\(dryRun ? "would pay" : "paid") \(result.paid.count) claims, \(result.paidTotal) yuan; "
                  + "\(result.failed.count) failed")
            if !result.failed.isEmpty {
                print("failed (the claims stay approved for the next batch):")
                print(PayoutsCommand.table(result.failed, message: true))
            }
            if dryRun { print("dry run: nothing was written") }
        }
    }

    struct Account: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or set a member's payee bank account (the number masked).",
            discussion: """
                With --bank and --number, sets (or replaces) the account: a UnionPay card (62…, \
                16–19 digits) must pass its check digit, other numbers are 10–30 digits. Example: \
                huzhu payouts account 340104198001011234 --bank 中国工商银行 --number "6222 0212 3456 7894". \
                See docs/payouts.md.
                """)
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: ArgumentHelp("The member's resident ID.", valueName: "resident-id")) var residentID: String
        @Option(help: ArgumentHelp("The bank (开户行).", valueName: "name")) var bank: String?
        @Option(help: ArgumentHelp("The account number.", valueName: "digits")) var number: String?
        @Option(help: ArgumentHelp("Run scoped to this unit's subtree.", valueName: "code")) var unit: String?

        func validate() throws {
            if (bank == nil) != (number == nil) { throw ValidationError("--bank and --number go together") }
        }

        func run() throws {
            let workspace = try workspaceOptions.open()
            let context = workspaceOptions.context(in: workspace)
            let scope = unit.map(Scope.unit) ?? .everything
            let account: PayeeAccount?
            if let bank, let number {
                account = try workspace.openDatabase().write(.commit, scope: scope) { session in
                    try session.services.payouts.setMemberAccount(session.connection, residentID: residentID, bank: bank,
                                                                  account: number, context: context)
                }
            } else {
                account = try workspace.openDatabase().read(scope: scope) { session in
                    try session.services.payouts.memberAccount(session.connection, residentID: residentID)
                }
            }
            guard let account else {
                print("no payee bank account")
                return
            }
            print("\(account.name): \(account.bank) \(account.account)")
        }
    }

    struct Payee: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or name a claim's other payee (e.g. a death benefit's beneficiary), the number masked.",
            discussion: """
                With --name, --bank and --number, the claim is paid to that account instead of the \
                member's. Example: huzhu payouts payee 17 --name 李四 --bank 中国银行 --number 6228480012345671. \
                See docs/payouts.md.
                """)
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The claim's id.") var id: Int64
        @Option(help: ArgumentHelp("The payee's name.", valueName: "name")) var name: String?
        @Option(help: ArgumentHelp("The bank (开户行).", valueName: "name")) var bank: String?
        @Option(help: ArgumentHelp("The account number.", valueName: "digits")) var number: String?
        @Option(help: ArgumentHelp("Run scoped to this unit's subtree.", valueName: "code")) var unit: String?

        func validate() throws {
            let given = [name, bank, number].filter { $0 != nil }.count
            if given != 0 && given != 3 { throw ValidationError("--name, --bank and --number go together") }
        }

        func run() throws {
            let workspace = try workspaceOptions.open()
            let context = workspaceOptions.context(in: workspace)
            let scope = unit.map(Scope.unit) ?? .everything
            let payee: PayeeAccount?
            if let name, let bank, let number {
                payee = try workspace.openDatabase().write(.commit, scope: scope) { session in
                    try session.services.payouts.setClaimPayee(session.connection, claimID: id, name: name, bank: bank,
                                                               account: number, context: context)
                }
            } else {
                payee = try workspace.openDatabase().read(scope: scope) { session in
                    try session.services.payouts.payee(session.connection, claimID: id)
                }
            }
            print(ClaimText.payee(payee).joined().trimmingCharacters(in: .whitespaces))
        }
    }
}
