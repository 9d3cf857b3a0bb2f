import ArgumentParser
import Foundation
import HuzhuCore

/// `huzhu claims list|show|documents|owed|overdue`: claims from report to payout.
struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Follow claims (理赔) through report, review and payout.",
        discussion: """
            Claims are reported, reviewed, paid and reopened from Lua (huzhu.claims.*) \
            or imported from a spreadsheet (huzhu import claims FILE); these commands read them.
            """,
        subcommands: [List.self, Show.self, Documents.self, Owed.self, Repay.self, Overdue.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List claims by id: status, member, plan, kind, dates and amounts, optionally filtered.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("reported, underReview, approved, rejected or paid.", valueName: "status")) var status: String?
        @Option(help: ArgumentHelp("Claims of this unit's subtree (the policy's enrolling unit).", valueName: "code")) var unit: String?
        @Option(help: ArgumentHelp("Claims of this plan.", valueName: "code")) var plan: String?
        @Option(help: ArgumentHelp("Reported on or after this day (YYYY-MM-DD).", valueName: "date")) var from: String?
        @Option(help: ArgumentHelp("Reported on or before this day (YYYY-MM-DD).", valueName: "date")) var to: String?
        @Flag(help: "Show resident IDs in full.") var unmasked = false

        func run() throws {
            let workspace = try workspaceOptions.open()
            let filter = ClaimFilter(status: try status.map { try ClaimStatus(parsing: $0, field: "--status") }, unit: unit,
                                     planCode: plan, from: try from.map { try CivilDate(parsing: $0) },
                                     to: try to.map { try CivilDate(parsing: $0) })
            var rows: [[String]] = []
            try workspace.openDatabase().read { db in
                let claims = ClaimService()
                let cursor = try claims.claims(db, filter)
                while let c = try cursor.next() {
                    let detail = try claims.claim(db, id: c.id!)!
                    let money = detail.money
                    rows.append([String(c.id!), unmasked ? detail.residentID.value : detail.residentID.masked, c.planCode,
                                 detail.termLabel, c.kind.rawValue, c.incidentDate.description, c.reportedOn.description,
                                 c.status.rawValue, c.totalExpense.description, c.approvedAmount?.description ?? "",
                                 money.paid.fen == 0 ? "" : money.paid.description,
                                 money.owed.fen == 0 ? "" : money.owed.description,
                                 detail.missingDocuments.isEmpty ? "" : String(detail.missingDocuments.count)])
                }
            }
            guard !rows.isEmpty else {
                print("no claims")
                return
            }
            print(TextTable.render(header: ["claim", "member", "plan", "term", "kind", "incident", "reported", "status",
                                            "expenses", "approved", "paid", "owed", "missing"], rows: rows))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a claim: facts, documents handed in and missing, review rounds with their computation, events and payments.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The claim's id.") var id: Int64
        @Flag(help: "Show resident IDs in full.") var unmasked = false

        func run() throws {
            let workspace = try workspaceOptions.open()
            let text: String = try workspace.openDatabase().read { db in
                guard let detail = try ClaimService().claim(db, id: id) else { throw ClaimsCommand.unknown(id) }
                return ([ClaimText.heading(detail, unmasked: unmasked)] + ClaimText.facts(detail) + ClaimText.decision(detail)
                        + ClaimText.documents(detail) + ClaimText.reviews(detail) + ClaimText.events(detail)
                        + ClaimText.payments(detail) + ClaimText.payee(try PayoutService().payee(db, claimID: id)))
                    .joined(separator: "\n")
            }
            print(text)
        }
    }

    struct Documents: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every claim document by its English and Chinese name (both are accepted) and the kinds that need it.")

        func run() throws {
            let rows = ClaimDocument.allCases.map { document in
                [document.rawValue, document.chinese,
                 ClaimKind.allCases.filter { ClaimDocument.required(for: $0).contains(document) }.map(\.rawValue)
                    .joined(separator: ", ")]
            }
            print(TextTable.render(header: ["document", "材料", "required for"], rows: rows))
        }
    }

    struct Owed: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List amounts members owe back: paid claims reopened (复核) and decided lower, or rejected.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("Claims of this unit's subtree.", valueName: "code")) var unit: String?
        @Flag(help: "Show resident IDs in full.") var unmasked = false

        func run() throws {
            let workspace = try workspaceOptions.open()
            let owed = try workspace.openDatabase().read { db in try ClaimService().owed(db, ClaimFilter(unit: unit)) }
            guard !owed.isEmpty else {
                print("no amounts owed back")
                return
            }
            let rows = owed.map { item in
                [String(item.claim.id!), unmasked ? item.residentID.value : item.residentID.masked, item.claim.unitCode,
                 item.claim.planCode, item.claim.status.rawValue, item.claim.approvedAmount?.description ?? "",
                 item.money.paid.description, item.money.outstanding.description, item.since.description]
            }
            let total = Money(fen: owed.reduce(0) { $0 + $1.money.outstanding.fen })
            print(TextTable.render(header: ["claim", "member", "unit", "plan", "status", "approved", "paid", "owed", "since"],
                                   rows: rows))
            print("\(owed.count) \(owed.count == 1 ? "claim" : "claims"), \(total) owed back")
        }
    }

    struct Overdue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List claims reported, under review or approved and unpaid for more than N days, longest first.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("Days a claim may wait at one step.", valueName: "n")) var days: Int = 30

        func validate() throws {
            guard (0...36_500).contains(days) else { throw ValidationError("--days must be from 0 to 36500 (got \(days))") }
        }

        func run() throws {
            let workspace = try workspaceOptions.open()
            let today = workspace.today
            let rows: [[String]] = try workspace.openDatabase().read { db in
                let claims = ClaimService()
                return try claims.overdue(db, days: days, asOf: today).map { item in
                    let residentID = try claims.claim(db, id: item.claim.id!)?.residentID.masked ?? ""
                    return [String(item.claim.id!), residentID, item.claim.status.rawValue, item.since.description, String(item.days)]
                }
            }
            guard !rows.isEmpty else {
                print("no claim has waited more than \(days) days at one step")
                return
            }
            print(TextTable.render(header: ["claim", "member", "status", "since", "days"], rows: rows))
        }
    }

    /// E601 for a claim id not in the workspace.
    static func unknown(_ id: Int64) -> HuzhuCore.ValidationError {
        HuzhuCore.ValidationError(ValidationFailure(.claimUnknown, field: "claim", value: .plain(String(id)), ["id": String(id)]))
    }
}

extension ClaimsCommand {
    /// `huzhu claims repay ID --amount Y --reference R [--method M] [--date D]`.
    struct Repay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a member's repayment of an amount owed back on a reopened claim (退回款).",
            discussion: """
                Posts Dr fund:cash, Cr members:owe on the day the money came in. More than still \
                owed back (huzhu claims owed) is refused (E930). Example: \
                huzhu claims repay 17 --amount 200 --method cash --reference 收据0012. \
                See docs/payouts.md.
                """)
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Argument(help: "The claim's id.") var id: Int64
        @Option(help: ArgumentHelp("The amount repaid, in yuan (200 or 200.50).", valueName: "yuan")) var amount: String
        @Option(help: ArgumentHelp("The receipt or bank reference.", valueName: "text")) var reference: String
        @Option(help: ArgumentHelp("cash (default), bankTransfer or cheque.", valueName: "method")) var method: String = "cash"
        @Option(help: ArgumentHelp("The day the money came in (default today).", valueName: "date")) var date: String?
        @Option(help: ArgumentHelp("Run scoped to this unit's subtree.", valueName: "code")) var unit: String?
        @Flag(help: "Check and report, then roll back: nothing is written.") var dryRun = false

        func run() throws {
            let workspace = try workspaceOptions.open()
            let context = workspaceOptions.context(in: workspace)
            let repayment = ClaimRepayment(amount: try Money(yuan: amount), method: try PaymentMethod(parsing: method),
                                           reference: reference, on: try date.map { try CivilDate(parsing: $0) } ?? context.today)
            let result = try workspace.openDatabase().write(dryRun ? .dryRun : .commit, scope: unit.map(Scope.unit) ?? .everything) {
                session in
                try session.services.claims.repay(session.connection, claimID: id, repayment, context: context)
            }
            print("\(dryRun ? "would record" : "recorded") repayment of \(repayment.amount) on claim \(id) "
                  + "(\(repayment.method.rawValue) \(repayment.reference)); \(result.outstanding) still owed back")
            if dryRun { print("dry run: nothing was written") }
        }
    }
}
