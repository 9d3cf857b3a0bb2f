/// A payee's bank account number (银行账号): digits only, 10 to 30 of
/// them; a UnionPay card number (62…, 16 to 19 digits) must also pass the
/// Luhn check digit. Spaces and hyphens typed between groups are dropped.
///
/// Shown masked everywhere (``masked``, also its `description`): the full
/// number (``digits``) goes only into the bank's batch file.
///
/// ```swift
/// let card = try BankAccountNumber(parsing: "6222 0212 3456 7894")
/// card.masked    // "6222 **** **** 7894"
/// card.digits    // "6222021234567894"
/// ```
public struct BankAccountNumber: Hashable, Sendable, CustomStringConvertible {
    /// The number in full: for the bank's batch file only.
    public let digits: String

    /// Parses and checks a number.
    ///
    /// - Parameters:
    ///   - text: The number, spaces and hyphens allowed between digits.
    ///   - field: The field named in a failure.
    /// - Throws: ``ValidationFailure`` E317 (not 10–30 digits), E316 (a UnionPay card's check digit).
    public init(parsing text: String, field: String = "account") throws {
        let compact = String(text.filter { $0 != " " && $0 != "-" })
        let shown = ShownValue.plain(Self.mask(compact))
        guard (10...30).contains(compact.count), compact.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ValidationFailure(.bankAccountInvalid, field: field, value: shown,
                                    ["account": Self.mask(compact), "length": String(compact.count)])
        }
        if compact.hasPrefix("62"), (16...19).contains(compact.count), !Self.luhnValid(compact) {
            throw ValidationFailure(.bankCardCheckDigit, field: field, value: shown, ["account": Self.mask(compact)])
        }
        digits = compact
    }

    /// `6222 **** **** 1234`.
    public var masked: String { Self.mask(digits) }

    /// The masked number: an account number is never printed in full by accident.
    public var description: String { masked }

    /// Masks any text: its first 4 and last 4 characters around `**** ****`
    /// (`****` alone for 8 characters or fewer).
    public static func mask(_ text: String) -> String {
        guard text.count > 8 else { return "****" }
        return "\(text.prefix(4)) **** **** \(text.suffix(4))"
    }

    /// Whether the last digit is the Luhn check digit of the others.
    public static func luhnValid(_ digits: String) -> Bool {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            guard var digit = character.wholeNumberValue else { return false }
            if index % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return sum % 10 == 0
    }
}
