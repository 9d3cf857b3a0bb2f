/// An exact amount of money in fen (分, 1/100 yuan).
///
/// Money never passes through floating point: it is parsed from yuan text
/// digit by digit, stored as an `Int64` count of fen, and formatted back the
/// same way. Arithmetic helpers that need fractions (ratios, rounding,
/// splits) take integer numerators and denominators.
///
/// ```swift
/// let price = try Money(yuan: "36")        // 3600 fen
/// let half = try Money.roundHalfUp(price.fen, times: 1, over: 2)  // 1800
/// print(price.formatted(currency: true))   // ¥36.00
/// ```
public struct Money: Hashable, Comparable, Sendable {
    /// The amount in fen (1 yuan = 100 fen).
    public var fen: Int64

    /// Creates an amount from a count of fen.
    ///
    /// - Parameter fen: The amount in fen; negative amounts are allowed.
    public init(fen: Int64) {
        self.fen = fen
    }

    /// Zero fen.
    public static let zero = Money(fen: 0)

    /// Whether the amount is below zero.
    public var isNegative: Bool { fen < 0 }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        lhs.fen < rhs.fen
    }
}

// MARK: - Codable

extension Money: Codable {
    /// Decodes an amount stored as an integer count of fen.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.fen = try container.decode(Int64.self)
    }

    /// Encodes the amount as an integer count of fen.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fen)
    }
}
