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
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
            throw CivilDateError(text: text)
        }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let date = CivilDate(year: year, month: month, day: day) else {
            throw CivilDateError(text: text)
        }
        self = date
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

    static func pad(_ value: Int, _ width: Int) -> String {
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
