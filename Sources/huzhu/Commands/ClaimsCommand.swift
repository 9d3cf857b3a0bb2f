import ArgumentParser
import Foundation
import HuzhuCore

/// `huzhu claims overdue`: claims waiting too long at one step.
struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Follow claims (理赔) through report, review and payout.",
        subcommands: [Overdue.self]
    )

    struct Overdue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List claims reported, under review or approved and unpaid for more than N days, longest first.")
        @OptionGroup var workspaceOptions: WorkspaceOptions
        @Option(help: ArgumentHelp("Days a claim may wait at one step.", valueName: "n")) var days: Int = 30

        func validate() throws {
            guard days >= 0 else { throw ValidationError("--days must be 0 or more") }
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
}
