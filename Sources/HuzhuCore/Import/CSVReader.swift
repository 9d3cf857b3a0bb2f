import Foundation

/// Reads a CSV file record by record, in constant memory.
///
/// The reader detects the encoding (UTF-8 with or without a byte order mark,
/// or GB18030 for GBK/GB2312 files; see ``CSVEncoding``), decodes and parses
/// the file in chunks, reads the first record as the header and then hands
/// out data records. Memory stays bounded by the chunk size and the longest
/// line, whatever the number of rows.
///
///     let reader = try CSVReader(contentsOf: url)
///     let header = try CSVHeader(reader: reader, schema: memberSchema)
///     while let row = try reader.nextRow(header) {
///         guard row.errors.isEmpty else { failures += row.errors; continue }
///         let id = row["resident_id"]!
///         …
///     }
///
/// Errors come in two kinds. Problems confined to one record (wrong field
/// count, stray quote, field too long) travel with the record in
/// ``CSVRecord/errors``, so an importer can list them all. Problems that make
/// the rest of the file unreadable (undecodable bytes, NUL bytes, a byte
/// order mark in the middle, a quote left open) are thrown as ``CSVError``,
/// after every record before them has been handed out.
///
/// In automatic mode the reader reads a file twice: once to see whether all
/// of it is UTF-8 (stopping at the first byte that is not) and once to parse.
public final class CSVReader {
    /// How to read a file.
    public struct Options: Sendable {
        /// The encoding, or `nil` (the default) to detect it: a UTF-8 byte
        /// order mark means UTF-8, valid UTF-8 is UTF-8, anything else is read
        /// as GB18030.
        public var encoding: CSVEncoding?
        /// The longest field allowed, in Unicode scalars (10,000 by default).
        /// A longer field is an error of its record; its value is cut.
        public var maximumFieldLength: Int = 10_000
        /// Whether to skip data records whose fields are all empty or spaces
        /// (true by default; spreadsheets leave such rows behind).
        public var skipsBlankRecords = true
        /// Call ``CSVReader/onProgress`` at most every this many records.
        public var progressInterval: Int = 10_000
        /// Bytes read from the file at a time.
        public var chunkSize: Int = 1 << 18
        /// The name used in errors; by default the file's last path component.
        public var displayName: String?

        /// The defaults: detect the encoding, fields up to 10,000 characters.
        public init() {}
    }

    /// The name used in errors, e.g. `members.csv`.
    public let fileName: String
    /// The encoding in use, detected or forced.
    public let encoding: CSVEncoding
    /// The header record's fields as written (a leading byte order mark removed).
    public private(set) var header: [String] = []
    /// The physical line of the header (1 unless blank lines precede it).
    public private(set) var headerLine = 1
    /// Data records handed out so far (blank records skipped are not counted).
    public private(set) var recordsRead = 0
    /// Called with the progress every ``Options/progressInterval`` records and
    /// once at the end of the file. The drawing is the caller's.
    public var onProgress: ((CSVProgress) -> Void)?

    private let options: Options
    private let source: ByteSource
    private var decoder: TextDecoder
    private var parser: CSVParser
    private var queue: [CSVParser.Record] = []
    private var queueIndex = 0
    private var endOfInput = false
    /// A problem that stopped parsing, described only when it is thrown
    /// (after the records before it, and the header, have been read).
    private enum Stop {
        case parser(CSVParser.Fatal)
        case decoder(TextDecoder.Failure)
    }
    private var pendingStop: Stop?
    private var reportedEnd = false

    /// Whether the file started with a byte order mark.
    public var hadByteOrderMark: Bool { decoder.hadByteOrderMark }

    /// Opens a file and reads its header.
    ///
    /// - Parameters:
    ///   - url: the file.
    ///   - options: encoding, limits and progress interval.
    /// - Throws: ``CSVError``: `.unreadableFile`, `.emptyFile`, an encoding
    ///   error, or a problem in the header record.
    public convenience init(contentsOf url: URL, options: Options = Options()) throws {
        let name = options.displayName ?? url.lastPathComponent
        try self.init(source: ByteSource(url: url, fileName: name, chunkSize: options.chunkSize), options: options)
    }

    /// Reads CSV text held in memory.
    ///
    ///     let reader = try CSVReader(data: Data("a,b\r\n1,2\r\n".utf8), fileName: "t.csv")
    ///
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - fileName: the name used in errors.
    ///   - options: encoding, limits and progress interval.
    /// - Throws: as ``init(contentsOf:options:)``.
    public convenience init(data: Data, fileName: String, options: Options = Options()) throws {
        try self.init(source: ByteSource(data: data, fileName: fileName, chunkSize: options.chunkSize), options: options)
    }

    private init(source: ByteSource, options: Options) throws {
        precondition(options.chunkSize > 0 && options.progressInterval > 0, "chunkSize and progressInterval must be positive")
        self.options = options
        self.source = source
        self.fileName = source.fileName
        let encoding = try Self.chooseEncoding(source: source, forced: options.encoding)
        self.encoding = encoding
        decoder = TextDecoder(encoding: encoding)
        parser = CSVParser(maximumFieldLength: options.maximumFieldLength)
        try readHeader()
    }

    // MARK: - Encoding

    private static func chooseEncoding(source: ByteSource, forced: CSVEncoding?) throws -> CSVEncoding {
        let name = source.fileName
        guard let first = try source.read() else {
            try source.rewind()
            return forced ?? .utf8
        }
        let head = [UInt8](first.prefix(3))
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            throw CSVError(.utf16, file: name, message: "UTF-16 text is not supported; save the file as UTF-8 or GB18030")
        }
        let hasUTF8BOM = head.starts(with: UTF8Validation.byteOrderMark)
        if let forced {
            if forced == .gb18030 && hasUTF8BOM {
                throw CSVError(.encodingMismatch, file: name,
                               message: "the file starts with a UTF-8 byte order mark but GB18030 was requested")
            }
            try source.rewind()
            return forced
        }
        if hasUTF8BOM {
            try source.rewind()
            return .utf8
        }
        // Valid UTF-8 throughout is UTF-8; anything else is GB18030.
        var probe = TextDecoder(encoding: .utf8)
        var chunk: Data? = first
        var encoding = CSVEncoding.utf8
        do {
            while let data = chunk {
                try probe.decode(data) { _ in }
                chunk = try source.read()
            }
            try probe.finish { _ in }
        } catch is TextDecoder.Failure {
            encoding = .gb18030
        }
        try source.rewind()
        return encoding
    }

    // MARK: - Records

    /// The next data record, or `nil` at the end of the file.
    ///
    /// A record whose field count differs from the header's carries a
    /// `.fieldCount` error (`members.csv:5: expected 6 fields, got 4`).
    ///
    /// - Returns: the record, or `nil` when all have been read.
    /// - Throws: ``CSVError`` `.headerOnly` at the end of a file with no data
    ///   records; an error that stops reading (see the type's overview).
    public func nextRecord() throws -> CSVRecord? {
        while let raw = try nextRawRecord() {
            if options.skipsBlankRecords && raw.fields.allSatisfy(Self.isBlank) { continue }
            var errors = raw.problems.map { describe($0, line: raw.line) }
            if raw.fields.count != header.count {
                errors.insert(CSVError(.fieldCount, file: fileName, line: raw.line,
                                       message: "expected \(header.count) fields, got \(raw.fields.count)"), at: 0)
            }
            recordsRead += 1
            if recordsRead % options.progressInterval == 0 { reportProgress() }
            return CSVRecord(file: fileName, line: raw.line, fields: raw.fields, errors: errors)
        }
        if !reportedEnd {
            reportedEnd = true
            reportProgress()
        }
        if recordsRead == 0 {
            throw CSVError(.headerOnly, file: fileName, message: "header only, no data rows")
        }
        return nil
    }

    /// The next data record mapped by `header`, or `nil` at the end.
    ///
    /// - Parameter header: the mapping made from this reader's header.
    /// - Returns: the row; its ``CSVRow/errors`` hold the record's problems.
    /// - Throws: as ``nextRecord()``.
    public func nextRow(_ header: CSVHeader) throws -> CSVRow? {
        guard let record = try nextRecord() else { return nil }
        return CSVRow(record: record, header: header)
    }

    private func readHeader() throws {
        guard let raw = try nextRawRecord(where: { !$0.fields.allSatisfy(Self.isBlank) }) else {
            throw CSVError(.emptyFile, file: fileName, message: "empty file")
        }
        if let problem = raw.problems.first {
            throw describe(problem, line: raw.line)  // before `header` is set: fields named "column N"
        }
        header = raw.fields
        headerLine = raw.line
        if let first = header.first, first.hasPrefix("\u{FEFF}") {
            header[0] = String(first.dropFirst())
        }
    }

    private func nextRawRecord(where accept: (CSVParser.Record) -> Bool = { _ in true }) throws -> CSVParser.Record? {
        while true {
            while queueIndex < queue.count {
                let record = queue[queueIndex]
                queueIndex += 1
                if accept(record) { return record }
            }
            switch pendingStop {
            case .parser(let fatal)?: throw describe(fatal)
            case .decoder(let failure)?: throw try describe(failure)
            case nil: break
            }
            if endOfInput { return nil }
            queue.removeAll(keepingCapacity: true)
            queueIndex = 0
            try fill()
        }
    }

    /// Reads one chunk and parses it into `queue`. A stopping error is kept in
    /// `pendingStop`, to be thrown once the records before it are out.
    private func fill() throws {
        do {
            if let data = try source.read() {
                try decoder.decode(data) { parser.feed($0, into: &queue) }
            } else {
                try decoder.finish { parser.feed($0, into: &queue) }
                parser.finish(into: &queue)
                endOfInput = true
            }
        } catch let failure as TextDecoder.Failure {
            endOfInput = true
            pendingStop = parser.fatal.map(Stop.parser) ?? .decoder(failure)
            return
        }
        if let fatal = parser.fatal {
            endOfInput = true
            pendingStop = .parser(fatal)
        }
    }

    private func reportProgress() {
        onProgress?(CSVProgress(bytesRead: source.bytesRead, totalBytes: source.totalBytes, recordsRead: recordsRead))
    }

    private static func isBlank(_ field: String) -> Bool {
        field.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    // MARK: - Error texts

    /// How a field is named in an error: its header as written, or
    /// `column N` in the header itself or when the header has no name for it.
    private func fieldName(_ index: Int) -> String {
        if index < header.count, !header[index].trimmingCharacters(in: .whitespaces).isEmpty {
            return "field '\(header[index])'"
        }
        return "column \(index + 1)"
    }

    private func fieldLabel(_ index: Int) -> String? {
        index < header.count ? header[index] : nil
    }

    private func describe(_ problem: CSVParser.Problem, line: Int) -> CSVError {
        switch problem {
        case .strayQuote(let index):
            return CSVError(.strayQuote, file: fileName, line: line, field: fieldLabel(index),
                            message: "stray quote in \(fieldName(index)) (a field holding quotes must be quoted, its quotes doubled)")
        case .textAfterQuote(let index):
            return CSVError(.textAfterQuote, file: fileName, line: line, field: fieldLabel(index),
                            message: "text after the closing quote of \(fieldName(index))")
        case .tooLong(let index, let length):
            return CSVError(.fieldTooLong, file: fileName, line: line, field: fieldLabel(index),
                            message: "\(fieldName(index)) is \(length) characters long (limit \(options.maximumFieldLength))")
        }
    }

    private func describe(_ fatal: CSVParser.Fatal) -> CSVError {
        switch fatal {
        case .nul(let line, let index, _):
            return CSVError(.nulByte, file: fileName, line: line, field: fieldLabel(index),
                            message: "NUL byte in \(fieldName(index)) (is this a binary or UTF-16 file?)")
        case .byteOrderMark(let line, let index, _):
            return CSVError(.byteOrderMarkInMiddle, file: fileName, line: line, field: fieldLabel(index),
                            message: "byte order mark in the middle of the file (were two files joined?)")
        case .unterminatedQuote(let recordLine, let openedAt):
            return CSVError(.unterminatedQuote, file: fileName, line: recordLine,
                            message: "unterminated quoted field (opened at line \(openedAt))")
        }
    }

    private func describe(_ failure: TextDecoder.Failure) throws -> CSVError {
        let line = try source.line(atOffset: failure.offset)
        let byte = "0x" + String(failure.byte, radix: 16, uppercase: true)
        switch (options.encoding, encoding) {
        case (nil, .gb18030):
            return CSVError(.unknownEncoding, file: fileName, line: line,
                            message: "neither UTF-8 nor GB18030: invalid byte \(byte) at byte offset \(failure.offset)")
        case (_, .utf8):
            return CSVError(.invalidUTF8, file: fileName, line: line,
                            message: "invalid UTF-8 byte \(byte) at byte offset \(failure.offset)")
        case (_, .gb18030):
            return CSVError(.invalidGB18030, file: fileName, line: line,
                            message: "invalid GB18030 byte \(byte) at byte offset \(failure.offset)")
        }
    }
}
