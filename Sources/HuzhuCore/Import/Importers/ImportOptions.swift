import Foundation

/// What a file import holds: units, members or policies.
public enum ImportKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Offices (`offices.csv`): the 办事处 and its 代办处.
    case offices
    /// Units (`units.csv`): the tree, offices and headcounts.
    case units
    /// Headcounts (`headcounts.csv`): one unit and year per row.
    case headcounts
    /// Members (`members.csv`).
    case members
    /// Policies (`policies.csv`): one enrollment per row.
    case policies
    /// Annual targets (`targets.csv`): one unit, year and plan per row.
    case targets
    /// Members' life events (`member-changes.csv`): one change per row, in order.
    case memberChanges = "member-changes"
    /// Reported claims (`claims.csv`): one claim per row, as an office's spreadsheet.
    case claims
    /// A bank statement (`receipts.csv`): one receipt per row.
    case receipts

    /// The columns the kind's files have; see ``ImportSchemas``.
    public var schema: CSVSchema {
        switch self {
        case .offices: return ImportSchemas.offices
        case .units: return ImportSchemas.units
        case .headcounts: return ImportSchemas.headcounts
        case .members: return ImportSchemas.members
        case .policies: return ImportSchemas.policies
        case .targets: return ImportSchemas.targets
        case .memberChanges: return ImportSchemas.memberChanges
        case .claims: return ImportSchemas.claims
        case .receipts: return ImportSchemas.receipts
        }
    }

    /// The plural noun of the summary line, `units`, `members` or `policies`.
    public var description: String { rawValue }
}

/// How to import a file.
///
/// By default an import is **atomic**: every row is validated, and one bad
/// row means nothing is imported. With ``skipInvalid`` the valid rows are
/// imported and the rejected ones written to ``rejectsURL`` with a `reason`
/// column.
///
///     var options = ImportOptions()
///     options.skipInvalid = true
///     options.rejectsURL = URL(fileURLWithPath: "rejects.csv")
///     let report = try MemberImporter(options: options).importFile(url, into: database, context: context)
public struct ImportOptions: Sendable {
    /// The encoding; `nil` (the default) detects UTF-8 or GB18030.
    public var encoding: CSVEncoding?
    /// Import the valid rows and reject the others, instead of importing nothing.
    public var skipInvalid = false
    /// Where to write rejected rows (only with ``skipInvalid``); `nil` writes none.
    public var rejectsURL: URL?
    /// The workspace whose own files the rejects file must not name (``WorkspaceFiles``).
    public var workspaceRoot: URL?
    /// Show resident IDs and phone numbers in full in error messages and in
    /// the rejects file's `reason` column; masked by default.
    public var unmasked = false
    /// The language of error messages.
    public var language: Language = .english
    /// How many errors a report keeps (the count of all is kept too).
    public var errorLimit = 1_000
    /// The name used in errors; by default the file's last path component.
    public var displayName: String?
    /// Rows between two progress reports.
    public var progressInterval = 10_000

    /// The defaults: detect the encoding, atomic, masked, English.
    public init() {}
}
