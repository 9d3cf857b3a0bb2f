// MARK: - Text form "YYYY-MM-DD"

extension CivilDate: CustomStringConvertible, LosslessStringConvertible {
    /// Parses a date written exactly as `YYYY-MM-DD`.
    ///
    /// Four-digit year, two-digit month and day, hyphens, nothing else; the
    /// day must exist.
    ///
    /// ```swift
    /// try CivilDate(parsing: "2012-07-01")   // 2012-07-01
    /// try CivilDate(parsing: "2012-7-1")     // throws CivilDateError
    /// try CivilDate(parsing: "2013-02-29")   // throws CivilDateError
    /// ```
    ///
    /// - Parameter text: The date text.
    /// - Throws: ``CivilDateError`` naming the text.
    public init(parsing text: String) throws {
        // Native strings are contiguous UTF-8: no copy of the bytes.
        let parsed = text.utf8.withContiguousStorageIfAvailable { CivilDate(utf8: $0) } ?? CivilDate(utf8: Array(text.utf8))
        guard let date = parsed else { throw CivilDateError(text: text) }
        self = date
    }

    /// Reads `YYYY-MM-DD` from its UTF-8 bytes (exactly ten), or returns nil.
    public init?(utf8 bytes: some RandomAccessCollection<UInt8>) {
        guard bytes.count == 10 else { return nil }
        var values = (0, 0, 0)
        for (offset, byte) in bytes.enumerated() {
            switch offset {
            case 4, 7:
                guard byte == UInt8(ascii: "-") else { return nil }
            default:
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                if offset < 4 { values.0 = values.0 * 10 + digit }
                else if offset < 7 { values.1 = values.1 * 10 + digit }
                else { values.2 = values.2 * 10 + digit }
            }
        }
        self.init(year: values.0, month: values.1, day: values.2)
    }

    /// Parses a date written as `YYYY-MM-DD`, or returns `nil`.
    ///
    /// - Parameter description: The date text.
    public init?(_ description: String) {
        guard let date = try? CivilDate(parsing: description) else { return nil }
        self = date
    }

    /// The date as `YYYY-MM-DD`.
    public var description: String {
        CivilDate.pad(year, 4) + "-" + CivilDate.pad(month, 2) + "-" + CivilDate.pad(day, 2)
    }

    public static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

// MARK: - Codable

extension CivilDate: Codable {
    /// Decodes a date from its `YYYY-MM-DD` text.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try CivilDate(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid date \(text)")
        }
    }

    /// Encodes the date as `YYYY-MM-DD` text.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
