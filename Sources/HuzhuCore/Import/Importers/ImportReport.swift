import Foundation

/// What an import did: rows read, imported and rejected, and the errors.
///
///     let report = try MemberImporter().importFile(url, into: database, context: context)
///     print(report.summary)   // imported 49,998 members; 2 rejected → rejects.csv
public struct ImportReport: Sendable, Hashable {
    /// What was imported.
    public var kind: ImportKind
    /// The file's display name.
    public var file: String
    /// The encoding read (detected or forced).
    public var encoding: CSVEncoding
    /// Data rows read (blank rows skipped are not counted).
    public var rowsRead = 0
    /// Rows imported (0 when an atomic import failed).
    public var imported = 0
    /// Rows with at least one error.
    public var rejected = 0
    /// The first ``ImportOptions/errorLimit`` errors, in line order.
    public var errors: [CSVError] = []
    /// Every error found, including those not kept in ``errors``.
    public var errorCount = 0
    /// The rejects file written, if any.
    public var rejectsURL: URL?
    /// What the import did besides importing that a clerk must see, one line
    /// each (a receipt held in receipts:unapplied and why).
    public var notes: [String] = []

    /// Makes an empty report.
    public init(kind: ImportKind, file: String, encoding: CSVEncoding) {
        self.kind = kind
        self.file = file
        self.encoding = encoding
    }

    /// One line: `imported 49,998 members; 2 rejected → rejects.csv`.
    public var summary: String {
        var text = "imported \(ImportReport.grouped(imported)) \(kind)"
        if rejected > 0 {
            text += "; \(ImportReport.grouped(rejected)) rejected"
            if let rejectsURL { text += " → \(rejectsURL.lastPathComponent)" }
        }
        return text
    }

    /// A count with thousands separators: `1,000,000`.
    public static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (number < 0 ? "-" : "") + out
    }
}

/// An atomic import refused: some rows were invalid, so nothing was
/// imported and the database is as it was.
///
/// Its description lists the errors kept, one per line, then a last line:
///
///     members.csv:17: resident_id 340104********1234: invalid birth date (1980-13-01)
///     nothing imported: 1 of 3 rows invalid
public struct ImportFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was found; ``ImportReport/imported`` is 0.
    public var report: ImportReport

    /// Wraps a report whose rows were not all valid.
    public init(report: ImportReport) {
        self.report = report
    }

    /// The verdict line: `nothing imported: 1 of 3 rows invalid`.
    public var verdict: String {
        "nothing imported: \(ImportReport.grouped(report.rejected)) of \(ImportReport.grouped(report.rowsRead)) rows invalid"
    }

    /// The errors kept (`… and N more` when some were not), then ``verdict``.
    public var description: String {
        var lines = report.errors.map(\.description)
        if report.errorCount > report.errors.count {
            lines.append("… and \(ImportReport.grouped(report.errorCount - report.errors.count)) more")
        }
        lines.append(verdict)
        return lines.joined(separator: "\n")
    }
}
