/// A data record read through a ``CSVHeader``: values by canonical field
/// name, and the place it came from for error messages.
///
///     let id = row["resident_id"] ?? ""
///     if !isValidBirthDate(id) {
///         errors.append(row.error("resident_id", "invalid birth date (1980-13-01)"))
///         // members.csv:17: resident_id 340104198013011234: invalid birth date (1980-13-01)
///     }
public struct CSVRow: Sendable, Hashable {
    /// The record as read.
    public let record: CSVRecord
    /// The header mapping the record's columns.
    public let header: CSVHeader
    /// The record's problems, and a `.valueWithoutHeader` error for each
    /// value in a column whose header is blank. Empty when the row is sound.
    public let errors: [CSVError]

    /// Maps a record through a header.
    ///
    /// - Parameters:
    ///   - record: a record of the file the header came from.
    ///   - header: the mapping.
    public init(record: CSVRecord, header: CSVHeader) {
        self.record = record
        self.header = header
        var errors = record.errors
        for index in header.unnamedColumns where index < record.fields.count {
            if !record.fields[index].allSatisfy({ $0 == " " || $0 == "\t" }) {
                errors.append(CSVError(.valueWithoutHeader, file: record.file, line: record.line,
                                       message: "column \(index + 1) has a value but no header"))
            }
        }
        self.errors = errors
    }

    /// The file's display name.
    public var file: String { record.file }
    /// The physical line the row starts on.
    public var line: Int { record.line }
    /// The fields in file order.
    public var fields: [String] { record.fields }

    /// The value of a canonical field as written (not trimmed); `nil` when
    /// the file has no column for it (an optional field), `""` when the row
    /// is too short to reach it.
    ///
    /// Asking for a field the schema does not have is a programmer mistake
    /// and traps.
    public subscript(field: String) -> String? {
        guard let index = header.index(of: field) else {
            precondition(header.schema.field(named: field) != nil, "CSVRow: no field '\(field)' in the schema")
            return nil
        }
        return index < record.fields.count ? record.fields[index] : ""
    }

    /// An error at this row and field, in the form
    /// `members.csv:17: resident_id 340104198013011234: invalid birth date (1980-13-01)`.
    ///
    /// - Parameters:
    ///   - field: the canonical field.
    ///   - value: the value to show; by default the row's value of the field.
    ///     Pass a masked value to keep personal data out; an empty value
    ///     shows as `resident_id: message`.
    ///   - code: the stable code; `.invalidValue` by default.
    ///   - message: what is wrong.
    /// - Returns: the error, to collect or throw.
    public func error(_ field: String, value: String? = nil, code: CSVError.Code = .invalidValue,
                      _ message: String) -> CSVError {
        CSVError(code, file: file, line: line, field: field, value: value ?? self[field] ?? "", message: message)
    }
}
