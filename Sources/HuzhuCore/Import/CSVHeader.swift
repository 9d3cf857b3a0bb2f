import Foundation

/// A file's header row matched against a ``CSVSchema``: which column holds
/// which canonical field.
///
/// Matching ignores case (for English headers), spaces around the header and
/// a byte order mark. Every problem is collected and reported together:
///
///     members.csv:1: unknown column 'phone number' (column 4)
///     members.csv:1: duplicate column 'name': '姓名' (column 2) and 'name' (column 5)
///     members.csv:1: missing required column 'resident_id' (身份证号)
///
/// Columns with a blank header are allowed (spreadsheets leave them behind)
/// as long as no row puts a value in them; see ``CSVRow/errors``.
///
///     let header = try CSVHeader(reader: reader, schema: schema)
///     header.index(of: "resident_id")   // 0
public struct CSVHeader: Sendable, Hashable {
    /// The schema matched against.
    public let schema: CSVSchema
    /// The header's columns as written in the file.
    public let columns: [String]
    /// The file's display name.
    public let file: String
    /// The physical line of the header.
    public let line: Int
    /// The indexes of columns with a blank header.
    public let unnamedColumns: [Int]
    private let indexes: [String: Int]

    /// Matches header columns against a schema.
    ///
    /// - Parameters:
    ///   - columns: the header record's fields.
    ///   - schema: the expected fields.
    ///   - file: the file's display name, for errors.
    ///   - line: the header's line, for errors.
    /// - Throws: ``CSVErrors`` listing every unknown, duplicate and missing
    ///   column.
    public init(columns: [String], schema: CSVSchema, file: String, line: Int = 1) throws {
        var lookup: [String: CSVSchema.Field] = [:]
        for field in schema.fields {
            for header in field.headers { lookup[Self.normalize(header)] = field }
        }
        let ignored = Set(schema.ignoredHeaders.map(Self.normalize))
        var indexes: [String: Int] = [:]
        var unnamed: [Int] = []
        var errors: [CSVError] = []
        for (index, column) in columns.enumerated() {
            let key = Self.normalize(column)
            if key.isEmpty {
                unnamed.append(index)
            } else if let field = lookup[key] {
                if let earlier = indexes[field.name] {
                    errors.append(CSVError(.duplicateColumn, file: file, line: line, field: field.name,
                                           message: "duplicate column '\(field.name)': '\(columns[earlier])' (column \(earlier + 1)) and '\(column)' (column \(index + 1))"))
                } else {
                    indexes[field.name] = index
                }
            } else if !ignored.contains(key) {
                errors.append(CSVError(.unknownColumn, file: file, line: line, field: column,
                                       message: "unknown column '\(column)' (column \(index + 1))"))
            }
        }
        for field in schema.fields where field.isRequired && indexes[field.name] == nil {
            let others = field.aliases.isEmpty ? "" : " (\(field.aliases.joined(separator: ", ")))"
            errors.append(CSVError(.missingColumn, file: file, line: line, field: field.name,
                                   message: "missing required column '\(field.name)'\(others)"))
        }
        if !errors.isEmpty { throw CSVErrors(errors) }
        self.schema = schema
        self.columns = columns
        self.file = file
        self.line = line
        self.unnamedColumns = unnamed
        self.indexes = indexes
    }

    /// Matches a reader's header against a schema.
    ///
    /// - Parameters:
    ///   - reader: a reader, whose header has been read.
    ///   - schema: the expected fields.
    /// - Throws: ``CSVErrors`` as ``init(columns:schema:file:line:)``.
    public init(reader: CSVReader, schema: CSVSchema) throws {
        try self.init(columns: reader.header, schema: schema, file: reader.fileName, line: reader.headerLine)
    }

    /// The column index of a canonical field, or `nil` when the file has no
    /// such column (an optional field left out).
    public func index(of field: String) -> Int? {
        indexes[field]
    }

    /// Whether the file has a column for this canonical field.
    public func contains(_ field: String) -> Bool {
        indexes[field] != nil
    }

    /// A header as it is compared: spaces (also U+3000) and byte order marks
    /// trimmed, lower-cased.
    static func normalize(_ header: String) -> String {
        header.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
            .lowercased()
    }
}
