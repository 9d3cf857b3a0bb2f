import ArgumentParser
import Foundation
import HuzhuCore

/// `huzhu members anonymise --left-before DATE [--unit CODE] [--dry-run]`.
struct MembersAnonymiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anonymise",
        abstract: "Replace name, resident ID and phone of members who left or died before a date (PIPL).",
        discussion: """
            Members who left (离职) or died (身故) before --left-before and whose claims are all \
            closed (paid or rejected) get the name 已匿名-000123, a pseudonymous resident ID that \
            keeps birth date and gender, and no phone. Status, dates, unit, policies, claims and \
            the ledger stay, so every report's figures are the same. Members with an open claim and \
            members anonymised before are counted and left as they are. One audit row records the \
            date and the counts. See docs/security.md ("People who left").

              huzhu members anonymise --left-before 2023-01-01 --dry-run
            """
    )

    @OptionGroup var workspaceOptions: WorkspaceOptions

    @Option(help: ArgumentHelp("Members who left or died before this day (YYYY-MM-DD).", valueName: "date"))
    var leftBefore: String

    @Option(help: ArgumentHelp("Only this unit's subtree.", valueName: "code"))
    var unit: String?

    @Flag(help: "Count and report, then roll back: nothing is written.")
    var dryRun = false

    func run() throws {
        let date = try CivilDate(parsing: leftBefore)
        let workspace = try workspaceOptions.open()
        let database = try workspace.openDatabase()
        let context = workspaceOptions.context(in: workspace)
        let result = try database.write(dryRun ? .dryRun : .commit, scope: unit.map(Scope.unit) ?? .everything) { session in
            try session.services.members.anonymise(session.connection, leftBefore: date, context: context)
        }
        print(Self.listing(result, dryRun: dryRun), terminator: "")
    }

    /// `anonymised 12 members who left before 2023-01-01; 2 with open claims and 3 anonymised before left as they are`.
    static func listing(_ result: Anonymisation, dryRun: Bool) -> String {
        var text = "\(dryRun ? "would anonymise" : "anonymised") \(result.anonymised) members who left before \(result.leftBefore)"
        text += "; \(result.openClaims) with open claims and \(result.alreadyAnonymised) anonymised before left as they are\n"
        if dryRun { text += "dry run: nothing was written\n" }
        return text
    }
}
