/// A mainland resident identity number (公民身份号码, GB 11643-1999),
/// checked and normalised.
///
/// An ID has 18 characters: a 6-digit area code, the birth date as
/// `YYYYMMDD`, a 3-digit sequence (odd for men, even for women) and an
/// ISO 7064 MOD 11-2 check character (`0`–`9` or `X`). Parsing checks, in
/// this order, and reports the first problem found: the length, each
/// character, the province-level area code, the birth date (a real day,
/// not before ``defaultEarliestBirthDate``, not after today), then the check
/// character. A lower-case `x` is accepted and stored as `X`. A 15-digit
/// legacy number (2-digit year, no check character) is upgraded to 18.
///
/// ```swift
/// let id = try ResidentID("11010519491231002x", today: today)
/// id.value       // "11010519491231002X"
/// id.gender      // .female
/// id.birthDate   // 1949-12-31
/// id.masked      // "110105********002X"
/// ```
///
/// See GB 11643-1999 *Citizen identification number*, and ISO 7064:1983
/// MOD 11-2 for the check character.
public struct ResidentID: Hashable, Comparable, Sendable {
    /// The 18 characters, with an upper-case `X` check character.
    public let value: String

    /// The earliest birth date accepted unless the caller says otherwise.
    ///
    /// 1800-01-01: the standard's year field has four digits and its own
    /// example `440524188001010014` was born in 1880; a plausibility bound
    /// for living members belongs to plan eligibility, not to the number.
    public static let defaultEarliestBirthDate = CivilDate(year: 1800, month: 1, day: 1)!

    /// The weights of the first 17 digits in the check sum.
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// The check character for each value of the sum modulo 11.
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]
    /// The province-level area codes (first two digits).
    static let provinceCodes: Set<Int> = Set(
        Array(11...15) + Array(21...23) + Array(31...37) + Array(41...46)
            + Array(50...54) + Array(61...65) + [71, 81, 82]
    )

    /// Parses and checks an 18-character ID, or upgrades a 15-digit legacy one.
    ///
    /// - Parameters:
    ///   - text: The ID as written; no spaces.
    ///   - today: The date after which a birth date is in the future; the
    ///     current date in Beijing by default.
    ///   - earliestBirthDate: The earliest birth date accepted.
    /// - Throws: ``ValidationFailure`` with field `residentID` and one of the
    ///   codes E101–E107, e.g. `wrong check character (expected X, got 3)`.
    public init(_ text: String, today: CivilDate = .today(),
                earliestBirthDate: CivilDate = ResidentID.defaultEarliestBirthDate) throws {
        let characters = Array(text)
        if characters.count == 15 {
            self.value = try ResidentID.upgrade(legacy: text, today: today, earliestBirthDate: earliestBirthDate)
            return
        }
        func fail(_ reason: ReasonCode, _ arguments: [String: String]) -> ValidationFailure {
            ValidationFailure(reason, field: "residentID", value: .residentID(text), arguments)
        }
        guard characters.count == 18 else {
            throw fail(.residentIDLength, ["count": String(characters.count)])
        }
        var digits: [Int] = []
        for (index, character) in characters.enumerated() {
            if let digit = character.asciiDigit {
                digits.append(digit)
            } else if index == 17 && (character == "X" || character == "x") {
                continue
            } else {
                throw fail(.residentIDCharacter, ["character": String(character), "position": String(index + 1)])
            }
        }
        try ResidentID.checkBody(digits: Array(digits.prefix(17)), text: text, today: today,
                                 earliestBirthDate: earliestBirthDate)
        let expected = ResidentID.checkCharacter(for: Array(digits.prefix(17)))
        let actual = Character(characters[17].uppercased())
        guard expected == actual else {
            throw fail(.residentIDCheckCharacter, ["expected": String(expected), "actual": String(characters[17])])
        }
        self.value = String(characters.prefix(17)) + String(actual)
    }

    /// Upgrades a 15-digit legacy number to 18 characters.
    ///
    /// Inserts `19` before the 2-digit year and appends the computed check
    /// character.
    ///
    /// ```swift
    /// try ResidentID(legacy: "340524800101001", today: today).value  // "34052419800101001X"
    /// ```
    ///
    /// - Parameters:
    ///   - text: 15 digits.
    ///   - today: The date after which a birth date is in the future.
    ///   - earliestBirthDate: The earliest birth date accepted.
    /// - Throws: ``ValidationFailure`` (E101–E106).
    public init(legacy text: String, today: CivilDate = .today(),
                earliestBirthDate: CivilDate = ResidentID.defaultEarliestBirthDate) throws {
        self.value = try ResidentID.upgrade(legacy: text, today: today, earliestBirthDate: earliestBirthDate)
    }

    /// The 18-character form of a 15-digit legacy number.
    private static func upgrade(legacy text: String, today: CivilDate, earliestBirthDate: CivilDate) throws -> String {
        let characters = Array(text)
        guard characters.count == 15 else {
            throw ValidationFailure(.residentIDLength, field: "residentID", value: .residentID(text),
                                    ["count": String(characters.count)])
        }
        var digits: [Int] = []
        for (index, character) in characters.enumerated() {
            guard let digit = character.asciiDigit else {
                throw ValidationFailure(.residentIDCharacter, field: "residentID", value: .residentID(text),
                                        ["character": String(character), "position": String(index + 1)])
            }
            digits.append(digit)
        }
        let body = Array(digits.prefix(6)) + [1, 9] + Array(digits.suffix(9))
        try ResidentID.checkBody(digits: body, text: text, today: today, earliestBirthDate: earliestBirthDate)
        return body.map(String.init).joined() + String(ResidentID.checkCharacter(for: body))
    }

    /// Wraps a value already checked, e.g. read back from the database.
    public init(trusted value: String) {
        self.value = value
    }

    /// Checks the area code and birth date of the first 17 digits.
    private static func checkBody(digits: [Int], text: String, today: CivilDate,
                                  earliestBirthDate: CivilDate) throws {
        func fail(_ reason: ReasonCode, _ arguments: [String: String]) -> ValidationFailure {
            ValidationFailure(reason, field: "residentID", value: .residentID(text), arguments)
        }
        let area = digits[0] * 10 + digits[1]
        guard provinceCodes.contains(area) else {
            throw fail(.residentIDAreaCode, ["area": String(digits[0]) + String(digits[1])])
        }
        let year = digits[6...9].reduce(0) { $0 * 10 + $1 }
        let month = digits[10] * 10 + digits[11]
        let day = digits[12] * 10 + digits[13]
        let written = digits[6...9].map(String.init).joined() + "-" + String(digits[10]) + String(digits[11])
            + "-" + String(digits[12]) + String(digits[13])
        guard let birth = CivilDate(year: year, month: month, day: day) else {
            throw fail(.residentIDBirthDate, ["date": written])
        }
        guard birth >= earliestBirthDate else {
            throw fail(.residentIDBirthDateTooEarly, ["date": written, "earliest": earliestBirthDate.description])
        }
        guard birth <= today else {
            throw fail(.residentIDBirthDateInFuture, ["date": written])
        }
    }

    /// The ISO 7064 MOD 11-2 check character of 17 digits.
    ///
    /// - Parameter digits: The first 17 digits of an ID.
    /// - Returns: `0`–`9` or `X`.
    public static func checkCharacter(for digits: [Int]) -> Character {
        precondition(digits.count == 17, "the check character needs 17 digits")
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    public static func < (lhs: ResidentID, rhs: ResidentID) -> Bool {
        lhs.value < rhs.value
    }
}

extension Character {
    /// The value of an ASCII digit `0`–`9`, or `nil`.
    var asciiDigit: Int? {
        guard let ascii = asciiValue, ascii >= 48, ascii <= 57 else { return nil }
        return Int(ascii - 48)
    }
}
