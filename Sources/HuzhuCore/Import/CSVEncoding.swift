import CoreFoundation
import Foundation

/// A text encoding that CSV files may use.
///
/// Files from Chinese offices come in two encodings: UTF-8 (with or without a
/// byte order mark, as Excel's "CSV UTF-8" writes it) and GBK/GB2312, which
/// Excel writes on a Chinese Windows. GB18030 is a superset of both GBK and
/// GB2312, so one decoder reads them all.
///
/// By default ``CSVReader`` detects the encoding (see ``detect(in:)``); a
/// forced encoding (`--encoding gb18030`) skips detection:
///
///     var options = CSVReader.Options()
///     options.encoding = CSVEncoding(name: "gbk")   // .gb18030
public enum CSVEncoding: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// UTF-8, with or without a byte order mark.
    case utf8
    /// GB18030, which also reads GBK and GB2312 files.
    case gb18030

    /// Parses an encoding name as a user types it: `utf8`, `utf-8`,
    /// `gb18030`, `gbk`, `gb2312`, `cp936` (any case).
    ///
    /// - Parameter name: the name.
    /// - Returns: the encoding, or `nil` for a name it does not know.
    public init?(name: String) {
        switch name.lowercased().trimmingCharacters(in: .whitespaces) {
        case "utf8", "utf-8": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936", "gb-18030": self = .gb18030
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .utf8: return "UTF-8"
        case .gb18030: return "GB18030"
        }
    }

    /// Foundation's encoding for GB18030. Foundation on Linux has no GBK
    /// decoder but CoreFoundation has GB18030-2000, which reads GBK as well.
    static let foundationGB18030 = String.Encoding(
        rawValue: CFStringConvertEncodingToNSStringEncoding(
            CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue)))

    /// Detects the encoding of a whole text in memory.
    ///
    /// The rule: a UTF-8 byte order mark means UTF-8; text that is valid UTF-8
    /// is UTF-8; anything else is GB18030 if it decodes as GB18030.
    ///
    ///     CSVEncoding.detect(in: Data([0xB0, 0xFC]))  // .gb18030 (包)
    ///
    /// - Parameter data: the bytes.
    /// - Returns: the encoding, or `nil` when the bytes are neither UTF-8 nor
    ///   GB18030 (or start with a UTF-16 byte order mark).
    public static func detect(in data: Data) -> CSVEncoding? {
        let bytes = [UInt8](data)
        if bytes.starts(with: UTF8Validation.byteOrderMark) { return .utf8 }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
        if bytes.withUnsafeBufferPointer({ UTF8Validation.firstInvalidByte(in: $0) }) == nil {
            return .utf8
        }
        return String(data: data, encoding: foundationGB18030) == nil ? nil : .gb18030
    }
}
