import Foundation

/// Writes CSV for people who open it in Excel: UTF-8 with a byte order mark,
/// CRLF line ends, fields quoted only when they must be.
///
/// Excel reads a CSV file without a byte order mark in the system's ANSI code
/// page (GBK on a Chinese Windows) and garbles UTF-8 Chinese; the byte order
/// mark makes it read UTF-8. CRLF is the line end of
/// [RFC 4180](https://www.rfc-editor.org/rfc/rfc4180) and of Windows; LF is
/// available for Unix tools. A field holding a comma, a quote, CR or LF is
/// quoted and its quotes doubled.
///
/// Rows stream out through a small buffer: the file is never held whole.
///
///     let writer = try CSVWriter(url: out)
///     try writer.writeRow(["身份证号", "姓名"])
///     try writer.writeRow(["340104********1234", "张\"三\""])
///     try writer.close()
///     // EF BB BF 身份证号,姓名 CR LF 340104********1234,"张""三""" CR LF
public final class CSVWriter {
    /// The line end written after each row.
    public enum LineEnding: String, Sendable, Hashable, CaseIterable {
        /// CR LF: RFC 4180, Windows, Excel. The default.
        case crlf = "\r\n"
        /// LF alone, for Unix tools.
        case lf = "\n"
    }

    /// How to write.
    public struct Options: Sendable, Hashable {
        /// The line end; `.crlf` by default.
        public var lineEnding: LineEnding = .crlf
        /// Whether to start with a UTF-8 byte order mark; `true` by default.
        public var writesByteOrderMark = true
        /// Bytes gathered before they are written out.
        public var bufferSize = 1 << 16
        /// Whether a text cell that a spreadsheet would run as a formula —
        /// starting with `=`, `+`, `-`, `@`, a tab or CR, and not a plain
        /// number such as `-12.50` — is written with a leading `'`, which
        /// spreadsheets show as text (OWASP's advice against CSV injection).
        /// `true` by default; rejects files turn it off, as they hold the
        /// rows as the office sent them, to be corrected and imported again.
        public var neutralisesFormulas = true

        /// The defaults: byte order mark, CRLF.
        public init() {}
    }

    private let sink: (Data) throws -> Void
    private let closeSink: () throws -> Void
    private var discardSink: () -> Void = {}
    private let options: Options
    private var buffer: [UInt8] = []
    private var closed = false
    /// Rows written so far.
    public private(set) var rowCount = 0

    /// Writes to an open file handle, which stays open after ``close()``.
    ///
    /// - Parameters:
    ///   - fileHandle: where to write, e.g. `FileHandle.standardOutput`.
    ///   - options: line end and byte order mark.
    public convenience init(fileHandle: FileHandle, options: Options = Options()) {
        self.init(options: options, sink: { try fileHandle.write(contentsOf: $0) }, close: {})
    }

    /// Writes a file, whole or not at all: ``close()`` puts it in place
    /// (replacing an older one), ``discard()`` leaves the place as it was.
    ///
    /// - Parameters:
    ///   - url: the file.
    ///   - options: line end and byte order mark.
    ///   - workspace: a workspace whose own files `url` must not name (``WorkspaceFiles``).
    /// - Throws: ``OutputPathError``, or a Foundation error when the file cannot be created.
    public convenience init(url: URL, options: Options = Options(), workspace: URL? = nil) throws {
        let file = try OutputFile(url, workspace: workspace)
        self.init(options: options, sink: { try file.write($0) }, close: { try file.commit() })
        discardSink = { file.discard() }
    }

    /// Writes through a closure, handed the output a buffer at a time.
    ///
    /// - Parameters:
    ///   - options: line end and byte order mark.
    ///   - sink: receives the bytes in order.
    public convenience init(options: Options = Options(), sink: @escaping (Data) throws -> Void) {
        self.init(options: options, sink: sink, close: {})
    }

    private init(options: Options, sink: @escaping (Data) throws -> Void, close: @escaping () throws -> Void) {
        self.options = options
        self.sink = sink
        self.closeSink = close
        buffer.reserveCapacity(options.bufferSize + 1024)
        if options.writesByteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    deinit {
        if !closed { try? close() }
    }

    /// Writes one row.
    ///
    /// - Parameter fields: the fields; each is quoted if it holds a comma, a
    ///   quote, CR or LF.
    /// - Throws: the sink's error.
    public func writeRow<S: Sequence>(_ fields: S) throws where S.Element: StringProtocol {
        precondition(!closed, "CSVWriter: write after close")
        var first = true
        for field in fields {
            if !first { buffer.append(0x2C) }
            first = false
            if options.neutralisesFormulas, Self.looksLikeFormula(field) {
                Self.append("'" + field, to: &buffer)
            } else {
                Self.append(field, to: &buffer)
            }
        }
        buffer.append(contentsOf: options.lineEnding.rawValue.utf8)
        rowCount += 1
        if buffer.count >= options.bufferSize { try flush() }
    }

    /// Hands buffered bytes to the file or sink.
    ///
    /// - Throws: the sink's error.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        let data = Data(buffer)
        buffer.removeAll(keepingCapacity: true)
        try sink(data)
    }

    /// Flushes, and closes the file if the writer opened it. Further writes
    /// trap; closing twice does nothing.
    ///
    /// - Throws: the sink's error.
    public func close() throws {
        guard !closed else { return }
        closed = true
        try flush()
        try closeSink()
    }

    /// Drops what was written to a file opened by ``init(url:options:workspace:)``:
    /// the file's place keeps what it had. Further writes trap.
    public func discard() {
        guard !closed else { return }
        closed = true
        buffer.removeAll()
        discardSink()
    }

    /// Whether a spreadsheet would take the field for a formula: it starts
    /// with `=`, `+`, `-`, `@`, tab or CR and is not a plain number
    /// (`-12.50`, `+3`).
    static func looksLikeFormula<S: StringProtocol>(_ field: S) -> Bool {
        guard let first = field.utf8.first, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(first) else { return false }
        if first == 0x3D { return !isTextConstant(field) }
        guard first == 0x2B || first == 0x2D else { return true }
        let rest = field.utf8.dropFirst()
        let digits = rest.split(separator: 0x2E, maxSplits: 1, omittingEmptySubsequences: false)
        let isNumber = !rest.isEmpty && digits.count <= 2 && digits.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
        return !isNumber
    }

    /// Whether the field is the exporter's own Excel text form `="…"` of
    /// letters, digits and `*` (a resident ID kept as text): a constant,
    /// nothing a spreadsheet could run.
    static func isTextConstant<S: StringProtocol>(_ field: S) -> Bool {
        let bytes = Array(field.utf8)
        guard bytes.count >= 3, bytes[1] == 0x22, bytes.last == 0x22 else { return false }
        return bytes[2..<(bytes.count - 1)].allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2A
        }
    }

    /// Appends one field, quoted when it must be.
    static func append<S: StringProtocol>(_ field: S, to buffer: inout [UInt8]) {
        let utf8 = field.utf8
        let needsQuotes = utf8.contains { (byte: UInt8) -> Bool in
            switch byte {
            case 0x2C, 0x22, 0x0D, 0x0A: return true
            default: return false
            }
        }
        guard needsQuotes else {
            buffer.append(contentsOf: utf8)
            return
        }
        buffer.append(0x22)
        for byte in utf8 {
            if byte == 0x22 { buffer.append(0x22) }
            buffer.append(byte)
        }
        buffer.append(0x22)
    }
}
