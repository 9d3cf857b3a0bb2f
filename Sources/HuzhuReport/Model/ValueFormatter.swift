import HuzhuValues

/// Writes cell values as text, the same way in every renderer.
///
/// ```swift
/// let f = ValueFormatter(options: RenderOptions())
/// f.text(.integer(123456), as: .money)                    // "1,234.56"
/// f.text(.integer(123456), as: .money, currency: true)    // "¥1,234.56"
/// f.text(.integer(1234), as: .percent)                    // "12.34%"
/// f.text(.text("340104198001011234"), as: .residentID)    // "340104********1234"
/// ```
public struct ValueFormatter: Sendable {
    public var options: RenderOptions
    /// Group thousands with commas (`12,345`, `1,234.56`); CSV turns it off.
    public var grouping: Bool

    public init(options: RenderOptions, grouping: Bool = true) {
        self.options = options
        self.grouping = grouping
    }

    /// The text of `value` in a column of `type`.
    ///
    /// - Parameter currency: Put `¥` before money (key figures do).
    public func text(_ value: ReportValue, as type: ValueType, currency: Bool = false) -> String {
        switch value {
        case .empty: return ""
        case .date(let date): return date.description
        case .text(let text):
            switch type {
            case .residentID where !options.unmasked: return ResidentID.mask(text)
            case .phone where !options.unmasked: return Phone.mask(text)
            default: return text
            }
        case .integer(let number):
            switch type {
            case .money:
                return grouping || currency ? Money(fen: number).formatted(currency: currency) : Money(fen: number).description
            case .percent: return Self.percent(basisPoints: number)
            default: return grouping ? Self.grouped(number) : String(number)
            }
        }
    }

    /// An integer with thousands grouped: `-12,345`.
    public static func grouped(_ number: Int64) -> String {
        let digits = String(number.magnitude)
        var out = number < 0 ? "-" : ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }

    /// Basis points as a percentage with two decimals: 1234 → `12.34%`, -5 → `-0.05%`.
    public static func percent(basisPoints: Int64) -> String {
        let magnitude = basisPoints.magnitude
        let cents = magnitude % 100
        return (basisPoints < 0 ? "-" : "") + String(magnitude / 100) + "." + (cents < 10 ? "0" : "") + String(cents) + "%"
    }
}
