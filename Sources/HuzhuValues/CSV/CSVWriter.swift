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
            Self.append(field, to: &buffer)
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
