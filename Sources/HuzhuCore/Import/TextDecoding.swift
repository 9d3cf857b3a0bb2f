import Foundation

/// Turns a file's bytes, chunk by chunk, into UTF-8 for ``CSVParser``.
///
/// Chunks are cut after their last line-end byte (CR or LF). Neither byte
/// occurs inside a multi-byte UTF-8 or GB18030 sequence (GB18030's trailing
/// bytes are all 0x30 or above), so every piece decodes on its own: both
/// encodings are decoded incrementally, in constant memory apart from the
/// longest physical line.
///
/// - UTF-8 is validated and passed through unchanged; a leading byte order
///   mark is dropped.
/// - GB18030 is decoded by CoreFoundation's GB18030-2000 converter (Foundation
///   on Linux has no GBK decoder; GB18030 reads GBK and GB2312 files) and
///   re-encoded as UTF-8; a leading byte order mark (84 31 95 33) is dropped.
struct TextDecoder {
    /// A byte sequence the encoding cannot decode.
    struct Failure: Error {
        /// The 0-based offset in the file of the first bad byte.
        var offset: Int64
        /// The first bad byte.
        var byte: UInt8
    }

    let encoding: CSVEncoding
    /// Bytes after the last line end seen so far.
    private var pending: [UInt8] = []
    /// The file offset of `pending[0]`.
    private var pendingOffset: Int64 = 0
    private var atStart = true
    /// Whether the file started with a byte order mark (dropped).
    private(set) var hadByteOrderMark = false

    /// U+FEFF in GB18030.
    static let gb18030ByteOrderMark: [UInt8] = [0x84, 0x31, 0x95, 0x33]

    init(encoding: CSVEncoding) {
        self.encoding = encoding
    }

    /// Decodes the complete lines of `chunk` (plus what was pending) and
    /// hands the UTF-8 to `emit`; keeps the incomplete last line.
    ///
    /// - Throws: ``Failure`` at the first undecodable byte, after emitting
    ///   every whole line before the one that holds it.
    mutating func decode(_ chunk: Data, emit: (UnsafeBufferPointer<UInt8>) -> Void) throws {
        pending.append(contentsOf: chunk)
        if atStart && pending.count < 4 { return }
        try decodePending(final: false, emit: emit)
    }

    /// Decodes whatever is pending at the end of the file.
    ///
    /// - Throws: ``Failure`` as ``decode(_:emit:)`` does.
    mutating func finish(emit: (UnsafeBufferPointer<UInt8>) -> Void) throws {
        try decodePending(final: true, emit: emit)
    }

    private mutating func decodePending(final: Bool, emit: (UnsafeBufferPointer<UInt8>) -> Void) throws {
        if atStart {
            atStart = false
            let mark = encoding == .utf8 ? UTF8Validation.byteOrderMark : Self.gb18030ByteOrderMark
            if pending.starts(with: mark) {
                pending.removeFirst(mark.count)
                pendingOffset = Int64(mark.count)
                hadByteOrderMark = true
            }
        }
        var cut = pending.count
        if !final {
            guard let lastLineEnd = pending.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return }
            cut = lastLineEnd + 1
        }
        guard cut > 0 else { return }
        let offset = pendingOffset
        let failure: Failure? = pending.withUnsafeBufferPointer { all in
            let piece = UnsafeBufferPointer(rebasing: all[0..<cut])
            switch encoding {
            case .utf8:
                if let bad = UTF8Validation.firstInvalidByte(in: piece) {
                    let goodLines = Self.endOfLastLine(in: piece, before: bad)
                    emit(UnsafeBufferPointer(rebasing: piece[0..<goodLines]))
                    return Failure(offset: offset + Int64(bad), byte: piece[bad])
                }
                emit(piece)
                return nil
            case .gb18030:
                if Self.emitGB18030(piece, emit: emit) { return nil }
                let bad = Self.firstUndecodableGB18030(in: piece)
                let goodLines = Self.endOfLastLine(in: piece, before: bad)
                _ = Self.emitGB18030(UnsafeBufferPointer(rebasing: piece[0..<goodLines]), emit: emit)
                return Failure(offset: offset + Int64(bad), byte: piece[bad])
            }
        }
        if let failure { throw failure }
        pending.removeFirst(cut)
        pendingOffset += Int64(cut)
    }

    /// The index just past the last line end before `index` (0 if none).
    private static func endOfLastLine(in piece: UnsafeBufferPointer<UInt8>, before index: Int) -> Int {
        var i = index
        while i > 0 {
            if piece[i - 1] == 0x0A || piece[i - 1] == 0x0D { return i }
            i -= 1
        }
        return 0
    }

    /// Decodes a GB18030 piece and emits it as UTF-8.
    ///
    /// - Returns: `false` when CoreFoundation cannot decode it.
    private static func emitGB18030(_ piece: UnsafeBufferPointer<UInt8>, emit: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        guard let base = piece.baseAddress, piece.count > 0 else { return true }
        let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: piece.count, deallocator: .none)
        guard var text = String(data: data, encoding: CSVEncoding.foundationGB18030) else { return false }
        text.withUTF8 { emit($0) }
        return true
    }

    /// The index of the first byte of `piece` that GB18030 cannot decode,
    /// found by the structure of GB18030 sequences (one byte 00–80, two bytes
    /// 81–FE 40–7E|80–FE, four bytes 81–FE 30–39 81–FE 30–39), and when the
    /// structure is sound, the start of the first line CoreFoundation
    /// refuses.
    static func firstUndecodableGB18030(in piece: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        let n = piece.count
        var lineStart = 0
        while i < n {
            let b0 = piece[i]
            if b0 == 0x0A || b0 == 0x0D {
                let line = UnsafeBufferPointer(rebasing: piece[lineStart..<i])
                if !emitGB18030(line, emit: { _ in }) { return lineStart }
                i += 1
                lineStart = i
                continue
            }
            if b0 <= 0x80 { i += 1; continue }
            guard b0 <= 0xFE, i + 1 < n else { return i }
            let b1 = piece[i + 1]
            if (0x40...0x7E).contains(b1) || (0x80...0xFE).contains(b1) { i += 2; continue }
            guard (0x30...0x39).contains(b1), i + 3 < n,
                  (0x81...0xFE).contains(piece[i + 2]), (0x30...0x39).contains(piece[i + 3])
            else { return i }
            i += 4
        }
        return min(lineStart, max(n - 1, 0))
    }
}
