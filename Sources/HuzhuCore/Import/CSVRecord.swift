/// One data record of a CSV file, as read: its fields in file order, the
/// line it starts on and any problems found in it.
///
/// A record with ``errors`` is still delivered, so that an importer can list
/// every bad row at once, or write the row to a rejects file.
public struct CSVRecord: Hashable, Sendable {
    /// The file's display name.
    public let file: String
    /// The 1-based physical line the record starts on.
    public let line: Int
    /// The fields, in file order, with quotes removed and doubled quotes
    /// undone. A field over the length limit is cut to the limit.
    public let fields: [String]
    /// Problems with this record (wrong field count, stray quote, field too
    /// long), empty when it is sound.
    public let errors: [CSVError]

    /// Makes a record (the reader makes them; tests and importers may too).
    ///
    /// - Parameters:
    ///   - file: the file's display name.
    ///   - line: the line the record starts on.
    ///   - fields: the fields in file order.
    ///   - errors: problems with the record.
    public init(file: String, line: Int, fields: [String], errors: [CSVError] = []) {
        self.file = file
        self.line = line
        self.fields = fields
        self.errors = errors
    }
}

/// How far a ``CSVReader`` has got, for a progress bar.
///
///     reader.onProgress = { progress in
///         if let fraction = progress.fractionCompleted { bar.update(fraction) }
///     }
public struct CSVProgress: Hashable, Sendable {
    /// Bytes of the file consumed so far (the reader reads ahead by at most
    /// one chunk).
    public let bytesRead: Int64
    /// The file's size, when known.
    public let totalBytes: Int64?
    /// Data records delivered so far.
    public let recordsRead: Int

    /// `bytesRead / totalBytes` in 0...1, or `nil` when the size is unknown.
    public var fractionCompleted: Double? {
        guard let totalBytes else { return nil }
        guard totalBytes > 0 else { return 1 }
        return min(1, Double(bytesRead) / Double(totalBytes))
    }
}
