/// A mainland telephone number, mobile or landline, checked and normalised.
///
/// Mobile: 11 digits starting `13`–`19`, normalised to the bare digits
/// (`13812345678`). Landline: `0`, an area code, an optional `-`, then 7 or
/// 8 digits; the area code has 2 digits after the `0` when they start with
/// `1` or `2` (`010`, `021`), else 3 (`0551`). Normalised with a hyphen:
/// `0551-1234567`. Spaces are ignored; a `+86`/`86` prefix before a mobile
/// is dropped.
///
/// ```swift
/// try Phone("138 1234 5678").value    // "13812345678"
/// try Phone("05511234567").value      // "0551-1234567"
/// try Phone("13812345678").masked     // "138****5678"
/// ```
public struct Phone: Hashable, Sendable {
    /// The normalised number.
    public let value: String

    /// Whether the number is a mobile number.
    public var isMobile: Bool { !value.hasPrefix("0") }

    /// Parses and normalises a number.
    ///
    /// - Parameter text: The number as written.
    /// - Throws: ``ValidationFailure`` E111 with field `phone`.
    public init(_ text: String) throws {
        let failure = ValidationFailure(.phoneInvalid, field: "phone", value: .phone(text))
        var characters = Array(text.filter { $0 != " " })
        if characters.starts(with: ["+", "8", "6"]) {
            characters.removeFirst(3)
        } else if characters.count == 13, characters.starts(with: ["8", "6"]) {
            characters.removeFirst(2)
        }
        let digits = characters.compactMap(\.asciiDigit)
        let hyphens = characters.indices.filter { characters[$0] == "-" }
        guard digits.count + hyphens.count == characters.count, !digits.isEmpty else { throw failure }

        if digits[0] == 1 {
            guard hyphens.isEmpty, digits.count == 11, (3...9).contains(digits[1]) else { throw failure }
            self.value = digits.map(String.init).joined()
            return
        }
        guard digits[0] == 0, digits.count >= 3 else { throw failure }
        let areaLength = (digits[1] == 1 || digits[1] == 2) ? 3 : 4   // with the leading 0
        let local = digits.count - areaLength
        guard (7...8).contains(local), digits[areaLength] != 0 else { throw failure }
        switch hyphens {
        case []: break
        case [areaLength]: break
        default: throw failure
        }
        let text = digits.map(String.init).joined()
        self.value = String(text.prefix(areaLength)) + "-" + String(text.dropFirst(areaLength))
    }

    /// Wraps a value already normalised, e.g. read back from the database.
    public init(trusted value: String) {
        self.value = value
    }

    /// The number with its middle hidden: `138****5678`, `0551-***4567`.
    public var masked: String { Phone.mask(value) }

    /// Masks any text as a phone number is masked, valid or not.
    ///
    /// Keeps the last 4 characters and what comes before the local
    /// number (the first 3 digits of a mobile, a landline's area code and
    /// hyphen); the rest become `*`. Text of 7 characters or fewer is all stars.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The masked text.
    public static func mask(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 7 else { return String(repeating: "*", count: characters.count) }
        let keep = characters.firstIndex(of: "-").map { $0 + 1 } ?? 3
        guard characters.count - 4 > keep else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(keep)) + String(repeating: "*", count: characters.count - 4 - keep)
            + String(characters.suffix(4))
    }
}

extension Phone: CustomStringConvertible, Codable {
    /// The masked form; use ``value`` for the full number.
    public var description: String { masked }

    /// Decodes a number stored normalised.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(trusted: try container.decode(String.self))
    }

    /// Encodes the normalised number.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
