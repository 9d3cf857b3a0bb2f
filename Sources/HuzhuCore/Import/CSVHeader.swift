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
    /// The mapping, shared by every row that refers to it (one reference to
    /// count per row instead of six).
    private final class Storage: Sendable {
        let schema: CSVSchema
        let columns: [String]
        let file: String
        let line: Int
        let unnamedColumns: [Int]
        let indexes: [String: Int]

        init(schema: CSVSchema, columns: [String], file: String, line: Int, unnamedColumns: [Int], indexes: [String: Int]) {
            self.schema = schema
            self.columns = columns
            self.file = file
            self.line = line
            self.unnamedColumns = unnamedColumns
            self.indexes = indexes
        }
    }

    private let storage: Storage

    /// The schema matched against.
    public var schema: CSVSchema { storage.schema }
    /// The header's columns as written in the file.
    public var columns: [String] { storage.columns }
    /// The file's display name.
    public var file: String { storage.file }
    /// The physical line of the header.
    public var line: Int { storage.line }
    /// The indexes of columns with a blank header.
    public var unnamedColumns: [Int] { storage.unnamedColumns }

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
        storage = Storage(schema: schema, columns: columns, file: file, line: line,
                          unnamedColumns: unnamed, indexes: indexes)
    }

    public static func == (lhs: CSVHeader, rhs: CSVHeader) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.schema == rhs.schema && lhs.columns == rhs.columns && lhs.file == rhs.file && lhs.line == rhs.line)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(columns)
        hasher.combine(file)
        hasher.combine(line)
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
        storage.indexes[field]
    }

    /// Whether the file has a column for this canonical field.
    public func contains(_ field: String) -> Bool {
        storage.indexes[field] != nil
    }

    /// A header as it is compared: spaces (also U+3000) and byte order marks
    /// trimmed, lower-cased.
    static func normalize(_ header: String) -> String {
        header.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
            .lowercased()
    }
}
