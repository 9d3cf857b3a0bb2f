/// The RFC 4180 state machine: UTF-8 bytes in, records out.
///
/// [RFC 4180](https://www.rfc-editor.org/rfc/rfc4180) with the usual
/// liberties: CRLF, LF or a lone CR end a line; the last line may lack a line
/// end; empty lines are skipped. Fields are separated by commas; a field that
/// starts with a quote runs to the matching quote, doubled quotes standing for
/// one, and may hold commas and line ends.
///
/// The parser is fed chunks in order (``feed(_:into:)``) and keeps its state
/// between them, so a record may straddle chunks. It counts physical lines
/// (a line end inside a quoted field counts too), and a record knows the line
/// it starts on. Problems that leave the rest of the file readable are
/// attached to the record (``Problem``); problems that do not stop the parser
/// (``fatal``).
struct CSVParser {
    /// A parsed record, before the reader checks it against the header.
    struct Record {
        /// The physical line the record starts on.
        var line: Int
        var fields: [String]
        var problems: [Problem]
    }

    /// A problem in one record; parsing goes on.
    enum Problem: Equatable {
        /// A quote inside a field that does not start with one (`ab"c`).
        case strayQuote(field: Int)
        /// Text after the closing quote (`"ab"c`).
        case textAfterQuote(field: Int)
        /// A field of `length` Unicode scalars, over the limit. The stored
        /// value is cut to the limit.
        case tooLong(field: Int, length: Int)
    }

    /// A problem that stops parsing.
    enum Fatal: Equatable {
        /// A NUL byte on physical line `line`, in field `field` of the record
        /// that starts on `recordLine`.
        case nul(line: Int, field: Int, recordLine: Int)
        /// A UTF-8 byte order mark after the start of the file.
        case byteOrderMark(line: Int, field: Int, recordLine: Int)
        /// The end of the file inside a quoted field.
        case unterminatedQuote(recordLine: Int, openedAt: Int)
    }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    private static let comma: UInt8 = 0x2C
    private static let quote: UInt8 = 0x22
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A

    /// The longest field kept, in Unicode scalars.
    let maximumFieldLength: Int
    /// Bytes of one field kept in memory: enough for `maximumFieldLength`
    /// scalars of up to four bytes; beyond, bytes are only counted.
    private let storeLimit: Int

    private var state = State.fieldStart
    /// The physical line of the next byte.
    private(set) var line = 1
    private var afterCR = false
    private var recordStarted = false
    private var recordLine = 1
    private var quoteLine = 1
    private var fields: [String] = []
    private var problems: [Problem] = []
    private var field: [UInt8] = []
    private var fieldBytes = 0
    private var overflowScalars = 0
    private var fieldFlagged = false
    /// A field's value made straight from the input, when the whole field
    /// lay in one chunk: saves copying it through `field`.
    private var directValue: String?
    /// Set when parsing stopped; later input is ignored.
    private(set) var fatal: Fatal?

    init(maximumFieldLength: Int) {
        precondition(maximumFieldLength > 0, "maximumFieldLength must be positive")
        self.maximumFieldLength = maximumFieldLength
        storeLimit = maximumFieldLength > Int.max / 8 ? Int.max / 2 : maximumFieldLength * 4 + 4
    }

    /// Parses a chunk, appending each record it completes to `records`.
    mutating func feed(_ buffer: UnsafeBufferPointer<UInt8>, into records: inout [Record]) {
        guard fatal == nil, let base = buffer.baseAddress else { return }
        let n = buffer.count
        var i = 0
        while i < n {
            let byte = base[i]
            switch state {
            case .fieldStart, .unquoted:
                if state == .fieldStart && byte == Self.quote {
                    startRecord()
                    state = .quoted
                    quoteLine = line
                    afterCR = false
                    i += 1
                    continue
                }
                var j = i
                while j < n {
                    let c = base[j]
                    if c == Self.comma || c == Self.quote || c == Self.cr || c == Self.lf || c == 0 || c == 0xEF { break }
                    j += 1
                }
                if j > i {
                    startRecord()
                    afterCR = false
                    if state == .fieldStart && j < n && j - i <= maximumFieldLength
                        && (base[j] == Self.comma || base[j] == Self.cr || base[j] == Self.lf) {
                        // The whole field is here: make its value without copying.
                        directValue = String(decoding: UnsafeBufferPointer(start: base + i, count: j - i), as: UTF8.self)
                        i = j
                        continue
                    }
                    append(base + i, count: j - i)
                    state = .unquoted
                    i = j
                    continue
                }
                switch byte {
                case Self.comma:
                    startRecord()
                    endField()
                    state = .fieldStart
                    afterCR = false
                case Self.quote:
                    startRecord()
                    if !fieldFlagged {
                        fieldFlagged = true
                        problems.append(.strayQuote(field: fields.count))
                    }
                    append(base + i, count: 1)
                    state = .unquoted
                    afterCR = false
                case Self.cr:
                    endRecord(into: &records)
                    line += 1
                    afterCR = true
                case Self.lf:
                    if afterCR {
                        afterCR = false
                    } else {
                        endRecord(into: &records)
                        line += 1
                    }
                case 0:
                    fatal = .nul(line: line, field: fields.count, recordLine: recordStarted ? recordLine : line)
                    return
                default: // 0xEF
                    if Self.isByteOrderMark(base, at: i, count: n) {
                        fatal = .byteOrderMark(line: line, field: fields.count, recordLine: recordStarted ? recordLine : line)
                        return
                    }
                    startRecord()
                    append(base + i, count: 1)
                    state = .unquoted
                    afterCR = false
                }
                i += 1

            case .quoted:
                var j = i
                while j < n {
                    let c = base[j]
                    if c == Self.quote || c == Self.cr || c == Self.lf || c == 0 || c == 0xEF { break }
                    j += 1
                }
                if j > i {
                    afterCR = false
                    if fieldBytes == 0 && j + 1 < n && base[j] == Self.quote && j - i <= maximumFieldLength
                        && (base[j + 1] == Self.comma || base[j + 1] == Self.cr || base[j + 1] == Self.lf) {
                        // The whole quoted field is here, closing quote included.
                        directValue = String(decoding: UnsafeBufferPointer(start: base + i, count: j - i), as: UTF8.self)
                        state = .quoteInQuoted
                        i = j + 1
                        continue
                    }
                    append(base + i, count: j - i)
                    i = j
                    continue
                }
                switch byte {
                case Self.quote:
                    state = .quoteInQuoted
                    afterCR = false
                case Self.cr:
                    append(base + i, count: 1)
                    line += 1
                    afterCR = true
                case Self.lf:
                    append(base + i, count: 1)
                    if afterCR { afterCR = false } else { line += 1 }
                case 0:
                    fatal = .nul(line: line, field: fields.count, recordLine: recordLine)
                    return
                default: // 0xEF
                    if Self.isByteOrderMark(base, at: i, count: n) {
                        fatal = .byteOrderMark(line: line, field: fields.count, recordLine: recordLine)
                        return
                    }
                    append(base + i, count: 1)
                    afterCR = false
                }
                i += 1

            case .quoteInQuoted:
                switch byte {
                case Self.quote:
                    append(base + i, count: 1)
                    state = .quoted
                    i += 1
                case Self.comma:
                    endField()
                    state = .fieldStart
                    i += 1
                case Self.cr, Self.lf:
                    state = .unquoted  // handled there, as the end of the record
                default:
                    if !fieldFlagged {
                        fieldFlagged = true
                        problems.append(.textAfterQuote(field: fields.count))
                    }
                    state = .unquoted  // keep the rest of the field as text
                }
            }
        }
    }

    /// Ends the input: completes the last record, or records an open quote.
    mutating func finish(into records: inout [Record]) {
        guard fatal == nil else { return }
        if state == .quoted {
            fatal = .unterminatedQuote(recordLine: recordLine, openedAt: quoteLine)
            return
        }
        endRecord(into: &records)
    }

    private static func isByteOrderMark(_ base: UnsafePointer<UInt8>, at i: Int, count n: Int) -> Bool {
        i + 2 < n && base[i + 1] == 0xBB && base[i + 2] == 0xBF
    }

    private mutating func startRecord() {
        if !recordStarted {
            recordStarted = true
            recordLine = line
        }
    }

    private mutating func append(_ start: UnsafePointer<UInt8>, count: Int) {
        fieldBytes += count
        let room = storeLimit - field.count
        if count <= room {
            field.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
        } else {
            if room > 0 { field.append(contentsOf: UnsafeBufferPointer(start: start, count: room)) }
            overflowScalars += Self.scalarCount(UnsafeBufferPointer(start: start + room, count: count - room))
        }
    }

    /// Unicode scalars in valid UTF-8: the bytes that are not continuation bytes.
    private static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    private mutating func endField() {
        if let value = directValue {
            fields.append(value)
            directValue = nil
            return
        }
        if fieldBytes > maximumFieldLength {
            let length = field.withUnsafeBufferPointer(Self.scalarCount) + overflowScalars
            if length > maximumFieldLength {
                problems.append(.tooLong(field: fields.count, length: length))
                // Keep the first maximumFieldLength scalars.
                var kept = 0, end = 0
                while end < field.count {
                    if field[end] & 0xC0 != 0x80 {
                        if kept == maximumFieldLength { break }
                        kept += 1
                    }
                    end += 1
                }
                field.removeSubrange(end...)
            }
        }
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        fieldBytes = 0
        overflowScalars = 0
        fieldFlagged = false
    }

    private mutating func endRecord(into records: inout [Record]) {
        state = .fieldStart
        guard recordStarted else { return }
        endField()
        let count = fields.count
        records.append(Record(line: recordLine, fields: fields, problems: problems))
        fields = []
        fields.reserveCapacity(count)
        if !problems.isEmpty { problems = [] }
        recordStarted = false
    }
}
