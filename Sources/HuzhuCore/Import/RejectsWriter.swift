import Foundation

/// Writes the rows an import rejected to a CSV file: the original header and
/// values, plus a `reason` column, so the user can fix the rows and import
/// the file again (``CSVSchema`` ignores a `reason` column by default).
///
/// The file is UTF-8 with a byte order mark and CRLF line ends, as
/// ``CSVWriter`` writes it. A row shorter than the header is padded with
/// empty fields; the values of a row longer than the header follow the
/// reason, so nothing is lost. Several reasons are joined with `; `.
///
///     let rejects = try RejectsWriter(url: rejectsURL, columns: reader.header)
///     try rejects.write(row, errors: rowErrors)
///     try rejects.close()
///     // 身份证号,姓名,reason
///     // 340104198013011234,张三,resident_id 340104198013011234: invalid birth date (1980-13-01)
public final class RejectsWriter {
    /// The name of the added column, `reason`.
    public static let defaultReasonColumn = "reason"

    private let writer: CSVWriter
    private let columnCount: Int
    /// Rows written so far (the header not counted).
    public private(set) var count = 0

    /// Starts the rejects file (put in place by ``close()``) and writes its header.
    ///
    /// - Parameters:
    ///   - url: the rejects file.
    ///   - columns: the input file's header as written (``CSVReader/header``).
    ///   - reasonColumn: the name of the added column.
    ///   - options: how to write; UTF-8 with a byte order mark, CRLF by default.
    ///   - workspace: a workspace whose own files `url` must not name.
    /// - Throws: ``OutputPathError``; a Foundation error when the file cannot be created or written.
    public init(url: URL, columns: [String], reasonColumn: String = defaultReasonColumn,
                options: CSVWriter.Options = CSVWriter.Options(), workspace: URL? = nil) throws {
        var options = options
        options.neutralisesFormulas = false   // the rows as sent, to be corrected and imported again
        writer = try CSVWriter(url: url, options: options, workspace: workspace)
        columnCount = columns.count
        try writer.writeRow(columns + [reasonColumn])
    }

    /// Writes one rejected row.
    ///
    /// - Parameters:
    ///   - fields: the row's values as read.
    ///   - reasons: why it was rejected.
    /// - Throws: a write error.
    public func write(fields: [String], reasons: [String]) throws {
        var out = Array(fields.prefix(columnCount))
        if out.count < columnCount { out += Array(repeating: "", count: columnCount - out.count) }
        out.append(reasons.joined(separator: "; "))
        if fields.count > columnCount { out += fields[columnCount...] }
        try writer.writeRow(out)
        count += 1
    }

    /// Writes a rejected record with its errors' ``CSVError/reason``s.
    ///
    /// - Parameters:
    ///   - record: the record as read.
    ///   - errors: why it was rejected.
    /// - Throws: a write error.
    public func write(_ record: CSVRecord, errors: [CSVError]) throws {
        try write(fields: record.fields, reasons: errors.map(\.reason))
    }

    /// Writes a rejected row with its errors' ``CSVError/reason``s.
    ///
    /// - Parameters:
    ///   - row: the row as read.
    ///   - errors: why it was rejected.
    /// - Throws: a write error.
    public func write(_ row: CSVRow, errors: [CSVError]) throws {
        try write(row.record, errors: errors)
    }

    /// Drops the file: its place keeps what it had.
    public func discard() {
        writer.discard()
    }

    /// Flushes and closes the file.
    ///
    /// - Throws: a write error.
    public func close() throws {
        try writer.close()
    }
}
