import Foundation

/// How import files write values other than plain text: yes/no flags,
/// whole numbers, dates and unit kinds. Every parser here either returns
/// the value or a ``ValidationFailure`` with a stable code.
///
/// Values are trimmed of spaces (ASCII and ideographic) before parsing;
/// resident IDs and phones may also be wrapped as Excel text, `="…"`.
enum ImportValues {
    /// The value trimmed of spaces and tabs (also U+3000), without copying
    /// when there is nothing to trim.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 && first != 0xE3 && last != 0x80 {
            return text
        }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: " \t\u{3000}"))
    }

    /// Removes Excel's text wrapping `="…"` (written by exports so that
    /// Excel keeps an 18-digit ID as text); other values come back as they are.
    static func unwrapExcelText(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.count >= 3, utf8.first == UInt8(ascii: "="), utf8.last == UInt8(ascii: "\"") else { return text }
        let inner = text.dropFirst().dropLast()
        guard inner.first == "\"" else { return text }
        return String(inner.dropFirst())
    }

    /// Parses an amount in yuan within ±``Money/inputBound`` (every import's
    /// money columns are yuan).
    ///
    /// - Throws: ``ValidationFailure`` E701 (not an amount) or E705 (out of range).
    static func money(_ text: String, field: String) throws -> Money {
        do { return try Money(inputYuan: text) } catch let error as MoneyError { throw error.failure(field: field) }
    }

    /// Parses a yes/no flag: `1`/`0`, `true`/`false`, `yes`/`no`, `y`/`n`,
    /// `是`/`否` (any case); empty is no.
    static func flag(_ text: String, field: String) throws -> Bool {
        if text == "0" || text.isEmpty { return false }
        if text == "1" { return true }
        switch text.lowercased() {
        case "1", "true", "yes", "y", "是": return true
        case "0", "false", "no", "n", "否", "": return false
        default: throw ValidationFailure(.booleanInvalid, field: field, value: .plain(text), ["text": text])
        }
    }

    /// Parses a whole number written in ASCII digits with an optional sign.
    static func integer(_ text: String, field: String) throws -> Int {
        guard let value = Int(text) else {
            throw ValidationFailure(.integerInvalid, field: field, value: .plain(text), ["text": text])
        }
        return value
    }

    /// Parses a date: `YYYY-MM-DD`, and the forms spreadsheets turn it into,
    /// `YYYY/M/D` and `YYYY-M-D` (1- or 2-digit month and day).
    static func date(_ text: String, field: String) throws -> CivilDate {
        if let date = isoDate(text) { return date }
        let bytes = Array(text.utf8)
        let failure = ValidationFailure(.dateInvalid, field: field, value: .plain(text), ["text": text])
        guard bytes.count >= 8, bytes.count <= 10 else { throw failure }
        let separator = bytes.count > 4 ? bytes[4] : 0
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") else { throw failure }
        let parts = bytes.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count)
        else { throw failure }
        func number(_ part: ArraySlice<UInt8>) -> Int? {
            var value = 0
            for byte in part {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(parts[0]), let month = number(parts[1]), let day = number(parts[2]),
              let date = CivilDate(year: year, month: month, day: day) else { throw failure }
        return date
    }

    /// `YYYY-MM-DD` read in place (the common case, without allocating).
    private static func isoDate(_ text: String) -> CivilDate? {
        var text = text
        return text.withUTF8 { bytes -> CivilDate? in
            guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45 else { return nil }
            func number(_ from: Int, _ to: Int) -> Int? {
                var value = 0
                for index in from..<to {
                    let digit = bytes[index] &- 48
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int(digit)
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 7), let day = number(8, 10) else { return nil }
            return CivilDate(year: year, month: month, day: day)
        }
    }

    /// Parses a unit kind: the English names (`district`) or the Chinese
    /// ones, full (`区总工会`) or short (`区`).
    static func unitKind(_ text: String) throws -> UnitKind {
        if let kind = UnitKind(rawValue: text.lowercased()) { return kind }
        switch text {
        case "市总", "市总工会", "市": return .federation
        case "区", "区总", "区总工会": return .district
        case "县", "县总", "县总工会": return .county
        case "产业", "产业工会": return .industry
        case "企业", "企业工会": return .enterprise
        case "基层", "基层工会": return .grassroots
        default: throw ValidationFailure(.unitKindInvalid, field: "kind", value: .plain(text), ["text": text])
        }
    }
}
