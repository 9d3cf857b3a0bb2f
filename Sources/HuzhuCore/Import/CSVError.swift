import Foundation

/// A problem found while reading, decoding or mapping a CSV file.
///
/// Every error names the file it came from and, when it can, the physical line
/// (a record that spans lines is named by the line it starts on). Its
/// ``description`` is what the user sees, one error per line:
///
///     members.csv:5: expected 6 fields, got 4
///     members.csv:17: resident_id 340104198013011234: invalid birth date (1980-13-01)
///
/// The ``code`` is stable: scripts and importers may test it
/// (`error.code == .headerOnly`), and a code is never reused for another
/// meaning. Importers that validate values build errors of their own codes
/// with ``CSVRow/error(_:value:code:_:)``.
///
/// - Note: the second form above shows the offending value, because the person
///   importing the file must find and fix it in their own file. Importers that
///   log errors, or that handle data the user did not supply, pass a masked
///   value instead.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier of the kind of problem.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        // MARK: - Files and encodings
        /// The file cannot be opened or read.
        public static let unreadableFile = Code(rawValue: "csv.unreadable-file")
        /// The file holds no records at all (zero bytes, a BOM alone, blank lines).
        public static let emptyFile = Code(rawValue: "csv.empty-file")
        /// The file holds a header and no data rows. Importers may treat this as
        /// "nothing to import".
        public static let headerOnly = Code(rawValue: "csv.header-only")
        /// Bytes that are not UTF-8 in a file read as UTF-8.
        public static let invalidUTF8 = Code(rawValue: "csv.invalid-utf8")
        /// Bytes that are not GB18030 in a file read as GB18030.
        public static let invalidGB18030 = Code(rawValue: "csv.invalid-gb18030")
        /// Automatic detection found neither UTF-8 nor GB18030.
        public static let unknownEncoding = Code(rawValue: "csv.unknown-encoding")
        /// The file is UTF-16 (it starts with a UTF-16 byte order mark).
        public static let utf16 = Code(rawValue: "csv.utf16")
        /// A UTF-8 byte order mark where GB18030 was requested.
        public static let encodingMismatch = Code(rawValue: "csv.encoding-mismatch")
        /// A byte order mark after the start of the file (two files joined?).
        public static let byteOrderMarkInMiddle = Code(rawValue: "csv.bom-in-middle")
        /// A NUL byte (a binary or UTF-16 file).
        public static let nulByte = Code(rawValue: "csv.nul-byte")

        // MARK: - CSV syntax
        /// A quoted field still open at the end of the file.
        public static let unterminatedQuote = Code(rawValue: "csv.unterminated-quote")
        /// A quote inside a field that does not start with a quote.
        public static let strayQuote = Code(rawValue: "csv.stray-quote")
        /// Text after the closing quote of a quoted field.
        public static let textAfterQuote = Code(rawValue: "csv.text-after-quote")
        /// A row with more or fewer fields than the header.
        public static let fieldCount = Code(rawValue: "csv.field-count")
        /// A field longer than ``CSVReader/Options/maximumFieldLength``.
        public static let fieldTooLong = Code(rawValue: "csv.field-too-long")

        // MARK: - Header
        /// A header column that the schema does not know.
        public static let unknownColumn = Code(rawValue: "csv.unknown-column")
        /// Two header columns naming the same field.
        public static let duplicateColumn = Code(rawValue: "csv.duplicate-column")
        /// A required field with no column.
        public static let missingColumn = Code(rawValue: "csv.missing-column")
        /// A value in a column whose header is blank.
        public static let valueWithoutHeader = Code(rawValue: "csv.value-without-header")

        // MARK: - Values
        /// A value rejected by an importer (the generic code for ``CSVRow/error(_:value:code:_:)``).
        public static let invalidValue = Code(rawValue: "csv.invalid-value")
    }

    /// What went wrong, as a stable code.
    public var code: Code
    /// The file's display name (usually its last path component).
    public var file: String
    /// The 1-based physical line, or `nil` for a problem of the whole file.
    public var line: Int?
    /// The field concerned: a canonical field name, or a header as written.
    public var field: String?
    /// The offending value. When set, ``description`` shows `field value: `
    /// before the message; an empty value shows `field: `.
    public var value: String?
    /// The message, without the location.
    public var message: String

    /// Makes an error.
    ///
    /// - Parameters:
    ///   - code: the stable code.
    ///   - file: the file's display name.
    ///   - line: the 1-based line, `nil` for the whole file.
    ///   - field: the field concerned, if any.
    ///   - value: the offending value to show after the field name, if any.
    ///   - message: what is wrong, without the location.
    public init(_ code: Code, file: String, line: Int? = nil, field: String? = nil,
                value: String? = nil, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.field = field
        self.value = value
        self.message = message
    }

    /// The error without its `file:line: ` prefix, e.g.
    /// `resident_id 340104198013011234: invalid birth date (1980-13-01)`.
    /// This is what a rejects file puts in its `reason` column.
    public var reason: String {
        guard let field, let value else { return message }
        return value.isEmpty ? "\(field): \(message)" : "\(field) \(value): \(message)"
    }

    /// `file:line: reason`, or `file: reason` when there is no line.
    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}

/// Several ``CSVError``s reported together (a header with three problems, or
/// every invalid row of an import).
///
/// Its description lists one error per line, in the order they were found.
public struct CSVErrors: Error, Hashable, Sendable, CustomStringConvertible {
    /// The errors, in the order they were found. Never empty.
    public var errors: [CSVError]

    /// Wraps a non-empty list of errors.
    ///
    /// - Parameter errors: the errors; an empty list is a programmer mistake.
    public init(_ errors: [CSVError]) {
        precondition(!errors.isEmpty, "CSVErrors needs at least one error")
        self.errors = errors
    }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
