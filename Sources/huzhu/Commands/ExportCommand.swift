import ArgumentParser
import Foundation
import HuzhuCore
import HuzhuDemo

/// `huzhu export members|policies`: writes CSV for Excel (UTF-8 with a byte
/// order mark), resident IDs and phones masked unless --unmasked.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export members or policies to CSV (UTF-8 with a byte order mark, for Excel).",
        discussion: """
            Writes to standard output unless --out names a file. Resident IDs and phone \
            numbers are masked (340104********1234, 138****5678) unless --unmasked; full \
            resident IDs are written as Excel text, ="340104198001011234", so that Excel \
            keeps all 18 digits (--plain-ids writes bare digits instead). \
            --unit exports that unit's whole subtree.
            """
    )

    enum Kind: String, ExpressibleByArgument {
        case members, policies
        /// Hidden: sample import files for the benchmark (`--members N --out DIR`).
        case sample

        static var allValueStrings: [String] { ["members", "policies"] }
    }

    @Argument(help: ArgumentHelp("What to export: members or policies.", valueName: "kind"))
    var kind: Kind

    @Option(help: ArgumentHelp("The file to write (default: standard output).", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("Only this unit and the units below it.", valueName: "code"))
    var unit: String?

    @Option(help: ArgumentHelp("Only policies of this plan.", valueName: "code"))
    var plan: String?

    @Option(help: ArgumentHelp("Only policies of terms starting in this year.", valueName: "year"))
    var year: Int?

    @Flag(help: "Write resident IDs and phone numbers in full.")
    var unmasked = false

    @Flag(name: .customLong("plain-ids"), help: "With --unmasked, write resident IDs as bare digits rather than Excel text (=\"…\").")
    var plainIDs = false

    @Option(help: .hidden) var members: Int = 1_000_000
    @Option(help: .hidden) var seed: UInt64 = 1

    @OptionGroup var workspaceOptions: WorkspaceOptions

    func validate() throws {
        if kind == .members && (plan != nil || year != nil) {
            throw ArgumentParser.ValidationError("--plan and --year apply to policies only")
        }
        if kind == .sample && out == nil {
            throw ArgumentParser.ValidationError("export sample needs --out DIR")
        }
        if plainIDs && !unmasked {
            throw ArgumentParser.ValidationError("--plain-ids is only used with --unmasked")
        }
    }

    func run() throws {
        if kind == .sample { return try writeSample() }
        let workspace = try workspaceOptions.open()
        let database = try workspace.openDatabase()
        var options = ExportOptions()
        options.unmasked = unmasked
        options.excelText = !plainIDs
        let url = out.map { URL(fileURLWithPath: $0) }
        let writer = try url.map { try CSVWriter(url: $0, options: options.writer, workspace: workspace.root) }
            ?? CSVWriter(fileHandle: .standardOutput, options: options.writer)
        do {
            let count = try database.read { db -> Int in
                switch kind {
                case .members:
                    return try MemberExporter(options: options).export(db, MemberFilter(unit: unit), to: writer)
                case .policies, .sample:
                    return try PolicyExporter(options: options).export(db, PolicyFilter(unit: unit, planCode: plan, year: year),
                                                                       to: writer)
                }
            }
            try writer.close()
            if let out { print("exported \(ImportReport.grouped(count)) \(kind.rawValue) to \(out)") }
        } catch {
            if url != nil { writer.discard() } else { try? writer.close() }
            throw error
        }
    }

    /// `huzhu export sample --members N --seed S --out DIR`: DIR/units.csv and DIR/members.csv.
    private func writeSample() throws {
        let folder = URL(fileURLWithPath: out!)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try ImportSampleData.writeUnits(to: folder.appendingPathComponent("units.csv"))
        try ImportSampleData.writeMembers(to: folder.appendingPathComponent("members.csv"), count: members, seed: seed)
        print("wrote \(out!)/units.csv and \(out!)/members.csv (\(ImportReport.grouped(members)) members, seed \(seed))")
    }
}
