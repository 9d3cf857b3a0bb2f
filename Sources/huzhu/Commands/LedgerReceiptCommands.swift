import ArgumentParser
import Foundation
import HuzhuCore

extension LedgerCommand {
    /// `huzhu ledger receive`: one receipt from the bank.
    struct Receive: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record money a unit paid into the fund's bank account (缴费).",
            discussion: """
                The receipt settles the unit's oldest open bills first; money from a payer that is \
                no unit, or more than the unit owes, is held in receipts:unapplied (暂收款) with its \
                reason until `huzhu ledger apply-unapplied` assigns it. A bank reference received \
                before is refused (E912). A whole statement: `huzhu import receipts FILE`.

                Example: huzhu ledger receive --unit LY --amount 520.00 --reference B20260105001 --date 2026-01-05

                Read docs/ledger.md for every posting.
                """)
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("The payer: a unit's code or name.", valueName: "unit")) var unit: String
        @Option(help: ArgumentHelp("The amount in yuan, e.g. 520.00.", valueName: "yuan")) var amount: String
        @Option(help: ArgumentHelp("The bank's reference (unique).", valueName: "reference")) var reference: String
        @Option(help: ArgumentHelp("The day the bank received it, YYYY-MM-DD; the business date by default.", valueName: "date"))
        var date: String?
        @Flag(name: .customLong("dry-run"), help: "Say what would happen and write nothing.") var dryRun = false

        func run() throws {
            let money = try LedgerCommand.yuan(amount, option: "--amount")
            let day = try LedgerCommand.day(date, option: "--date")
            try PlansCommand.reporting {
                let workspace = try workspaceOptions.open()
                let context = workspaceOptions.context(in: workspace)
                let result = try workspace.openDatabase().write(dryRun ? .dryRun : .commit) { session in
                    try session.services.ledger.receive(session.connection, ReceiptRequest(
                        date: day ?? context.today, payer: unit, amount: money, reference: reference), context: context)
                }
                print(LedgerCommand.describe(result, would: dryRun))
                if dryRun { print("dry run: nothing was written") }
            }
        }
    }

    /// `huzhu ledger apply-unapplied`: held money assigned to a unit.
    struct ApplyUnapplied: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply-unapplied",
            abstract: "Apply money held in receipts:unapplied (暂收款) to a unit's oldest open bills.",
            discussion: """
                A clerk who has found who paid assigns a held receipt to the unit: at most what \
                the unit owes is applied, the rest stays held. `huzhu ledger owed` lists what units owe.

                Example: huzhu ledger apply-unapplied --reference B20260105009 --unit LY

                Read docs/ledger.md for every posting.
                """)
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("The held receipt's bank reference.", valueName: "reference")) var reference: String
        @Option(help: ArgumentHelp("The unit that paid (its code).", valueName: "unit")) var unit: String
        @Option(help: ArgumentHelp("The amount in yuan; all the receipt holds by default.", valueName: "yuan")) var amount: String?
        @Flag(name: .customLong("dry-run"), help: "Say what would happen and write nothing.") var dryRun = false

        func run() throws {
            let money = try amount.map { try LedgerCommand.yuan($0, option: "--amount") }
            try PlansCommand.reporting {
                let workspace = try workspaceOptions.open()
                let context = workspaceOptions.context(in: workspace)
                let result = try workspace.openDatabase().write(dryRun ? .dryRun : .commit) { session in
                    let ledger = session.services.ledger
                    guard let receipt = try ledger.receipt(session.connection, reference: reference) else {
                        throw HuzhuCore.ValidationError(ValidationFailure(.receiptUnknown, field: "reference",
                                                                          value: .plain(reference), ["receipt": reference]))
                    }
                    return try ledger.applyUnapplied(session.connection, receiptID: receipt.id!, unit: unit, amount: money,
                                                     context: context)
                }
                print(LedgerCommand.describe(result, would: dryRun, applying: true))
                if dryRun { print("dry run: nothing was written") }
            }
        }
    }

    /// `huzhu ledger owed`: open bills by payer part and age.
    struct Owed: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What units owe (欠费): open bills with their age, by payer part and age band.",
            discussion: """
                Lists the open bills of a unit's subtree (every unit by default) issued by the day, \
                oldest first, aged from their issue, then the totals by payer part and by age band \
                (0-30, 31-90, >90 days). The stock report `arrears` prints the same by unit.

                Example: huzhu ledger owed --unit LY --as-of 2026-03-31

                Read docs/ledger.md for bills and receipts.
                """)
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("The unit (its subtree); every unit by default.", valueName: "code")) var unit: String?
        @Option(name: .customLong("as-of"), help: ArgumentHelp("The day, YYYY-MM-DD; the business date by default.", valueName: "date"))
        var asOf: String?

        func run() throws {
            let day = try LedgerCommand.day(asOf, option: "--as-of")
            try PlansCommand.reporting {
                let workspace = try workspaceOptions.open()
                let report = try workspace.openDatabase().read { session in
                    try session.services.ledger.owed(session.connection, unit: unit, asOf: day ?? workspace.today)
                }
                print(LedgerCommand.describe(report))
            }
        }
    }

    static func yuan(_ text: String, option: String) throws -> Money {
        do {
            return try Money(yuan: text)
        } catch {
            throw ArgumentParser.ValidationError("\(option): '\(text)' is not an amount in yuan (e.g. 520.00)")
        }
    }

    static func day(_ text: String?, option: String) throws -> CivilDate? {
        do {
            return try text.map { try CivilDate(parsing: $0) }
        } catch {
            throw ArgumentParser.ValidationError("\(option): \(error) (expected YYYY-MM-DD)")
        }
    }

    static func describe(_ r: ReceiptResult, would: Bool, applying: Bool = false) -> String {
        let verb = applying ? (would ? "would apply" : "applied") : (would ? "would record" : "recorded")
        var lines = ["\(verb) receipt \(r.receipt.reference) from \(r.receipt.payer): "
                     + "\(r.receipt.amount) on \(r.receipt.receivedOn), ledger entry \(r.entry.entry.id!)"]
        for s in r.settlements {
            lines.append("  bill \(s.billID): \(s.amount) (administration \(s.administration), union \(s.union), member \(s.member))")
        }
        if r.unapplied.fen > 0 {
            lines.append("  held in receipts:unapplied: \(r.unapplied)" + (r.held.map { " — \($0.reason.label) \($0.message())" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ r: OwedReport) -> String {
        guard !r.lines.isEmpty else { return "nothing owed on \(r.asOf)" }
        let rows = r.lines.map { line -> [String] in
            let b = line.bill
            return [String(b.bill.id!), b.bill.unitCode, b.bill.issuedOn.description, b.bill.dueOn.description,
                    b.charged.description, b.settled.description, b.open.description, b.openParts.administration.description,
                    b.openParts.union.description, b.openParts.member.description, String(line.ageDays), line.band.rawValue]
        }
        var text = TextTable.render(header: ["bill", "unit", "issued", "due", "charged", "settled", "open", "administration",
                                             "union", "member", "age", "band"], rows: rows)
        let parts = r.byPart
        text += "\nowed on \(r.asOf): \(r.total) (administration \(parts.administration), union \(parts.union), "
            + "member \(parts.member)); overdue \(r.overdue)"
        text += "\nby age: " + r.byBand.map { "\($0.band.rawValue) days \($0.amount)" }.joined(separator: ", ")
        return text
    }
}
