// MARK: - What the number says

extension ResidentID {
    /// The 6-digit area code of the place of first registration.
    public var areaCode: String { String(value.prefix(6)) }

    /// The birth date encoded in characters 7–14.
    public var birthDate: CivilDate {
        let digits = Array(value).compactMap(\.asciiDigit)
        let year = digits[6...9].reduce(0) { $0 * 10 + $1 }
        return CivilDate(year: year, month: digits[10] * 10 + digits[11], day: digits[12] * 10 + digits[13])!
    }

    /// The gender encoded in the 17th character: odd for male, even for female.
    public var gender: Gender {
        Array(value)[16].asciiDigit! % 2 == 1 ? .male : .female
    }

    /// The ID with its middle hidden: first 6, eight `*`, last 4.
    ///
    /// ```swift
    /// try ResidentID("340104198001011234").masked   // "340104********1234" (if valid)
    /// ```
    public var masked: String { ResidentID.mask(value) }

    /// Masks any text as a resident ID is masked, valid or not.
    ///
    /// Keeps the first 6 and the last 4 characters and puts one `*` for
    /// each character between (eight for an 18-character ID); text of 10
    /// characters or fewer is all stars.
    ///
    /// ```swift
    /// ResidentID.mask("340104198001011234")  // "340104********1234"
    /// ResidentID.mask("12345")               // "*****"
    /// ```
    ///
    /// - Parameter text: Any text.
    /// - Returns: The masked text.
    public static func mask(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 10 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(6)) + String(repeating: "*", count: characters.count - 10)
            + String(characters.suffix(4))
    }
}

// MARK: - Text and Codable

extension ResidentID: CustomStringConvertible, Codable {
    /// The masked form, so that logging an ID does not leak it.
    /// Use ``value`` for the full number.
    public var description: String { masked }

    /// Decodes an ID stored as text, trusting that it was checked when stored.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(trusted: try container.decode(String.self))
    }

    /// Encodes the full 18 characters.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
