// MARK: - Formatting

extension Money: CustomStringConvertible {
    /// The amount in yuan with exactly two decimals and no grouping:
    /// `"12.34"`, `"-0.01"`, `"0.00"`. ``init(yuan:)`` parses it back.
    public var description: String {
        Money.render(fen: fen, grouping: false)
    }

    /// The amount in yuan with two decimals and thousands grouped by commas,
    /// optionally after a yuan sign.
    ///
    /// ```swift
    /// Money(fen: 123456).formatted(currency: true)   // "¥1,234.56"
    /// Money(fen: -123456).formatted(currency: true)  // "-¥1,234.56"
    /// Money(fen: 123456).formatted()                 // "1,234.56"
    /// ```
    ///
    /// - Parameter currency: Whether to put `¥` before the number (after
    ///   the minus sign of a negative amount).
    /// - Returns: The formatted amount.
    public func formatted(currency: Bool = false) -> String {
        let body = Money.render(fen: fen.magnitude, negative: false, grouping: true)
        return (fen < 0 ? "-" : "") + (currency ? "¥" : "") + body
    }

    private static func render(fen: Int64, grouping: Bool) -> String {
        render(fen: fen.magnitude, negative: fen < 0, grouping: grouping)
    }

    private static func render(fen magnitude: UInt64, negative: Bool, grouping: Bool) -> String {
        let yuan = String(magnitude / 100)
        let cents = magnitude % 100
        var integer = ""
        if grouping {
            for (index, character) in yuan.enumerated() {
                if index > 0 && (yuan.count - index) % 3 == 0 { integer.append(",") }
                integer.append(character)
            }
        } else {
            integer = yuan
        }
        return (negative ? "-" : "") + integer + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}
