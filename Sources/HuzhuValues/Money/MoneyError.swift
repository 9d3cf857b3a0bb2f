/// A problem with an amount of money: text that is not a yuan amount, an
/// amount too large for 64-bit fen, or an impossible ratio or split.
///
/// The error keeps the offending text so that a message can show it.
///
/// ```swift
/// do { _ = try Money(yuan: "1.234") }
/// catch let error as MoneyError { print(error) }
/// // invalid amount "1.234" (expected yuan such as 12, 12.3 or 12.34)
/// ```
public struct MoneyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// The text is not an amount of yuan with at most two decimals.
        case invalidFormat
        /// The amount does not fit in 64-bit fen.
        case overflow
        /// The amount is beyond ±``Money/inputBound`` (100,000,000.00 yuan).
        case outOfRange
        /// A ratio has a zero denominator.
        case zeroDenominator
        /// Split weights are empty, negative, or add up to zero.
        case invalidWeights
    }

    /// What went wrong.
    public var kind: Kind
    /// The offending text or values, as given.
    public var text: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - kind: What went wrong.
    ///   - text: The offending text or values.
    public init(_ kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }

    /// The reason code of this error (7xx).
    public var reason: ReasonCode {
        switch kind {
        case .invalidFormat: return .amountInvalid
        case .overflow: return .amountOverflow
        case .outOfRange: return .amountOutOfRange
        case .zeroDenominator: return .ratioInvalid
        case .invalidWeights: return .splitWeightsInvalid
        }
    }

    /// The failure to report for a field holding the offending text.
    ///
    /// - Parameter field: The name of the input field.
    /// - Returns: A failure with this error's reason code and text.
    public func failure(field: String) -> ValidationFailure {
        ValidationFailure(reason, field: field, value: .plain(text), ["text": text])
    }

    public var description: String {
        ValidationFailure(reason, field: "amount", value: .plain(text), ["text": text]).message(.english)
    }
}
