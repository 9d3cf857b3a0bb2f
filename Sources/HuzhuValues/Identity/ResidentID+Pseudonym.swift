// MARK: - Pseudonyms of members who left (PIPL)

extension ResidentID {
    /// The largest member row id a pseudonym can carry (seven digits).
    public static let largestPseudonymousID: Int64 = 9_999_999

    /// The stand-in ID of a member whose personal data was removed
    /// (`huzhu members anonymise`): the member's row id where the area code
    /// and the first two sequence digits were, the real birth date and
    /// gender digit kept, and a correct check character.
    ///
    /// The area code starts with `0`, which no province has, so the number
    /// is never a real person's (``ResidentID/init(_:today:earliestBirthDate:)``
    /// refuses it as E103) and it is unique per member; everything derived
    /// from the number — birth date, age, gender, the masked form's shape —
    /// stays as it was.
    ///
    /// ```swift
    /// ResidentID.pseudonym(memberID: 123, of: try ResidentID("340104198001011234"))!.value
    /// // "0" + "00001" + "19800101" + "23" + "3" + the check character
    /// ```
    ///
    /// - Parameters:
    ///   - memberID: The member's row id, 1 … ``largestPseudonymousID``.
    ///   - original: The member's real ID (birth date and gender digit are kept).
    /// - Returns: The pseudonymous ID, or nil when the id is out of range.
    public static func pseudonym(memberID: Int64, of original: ResidentID) -> ResidentID? {
        guard memberID >= 1, memberID <= largestPseudonymousID else { return nil }
        let idDigits = Array(String(memberID)).compactMap(\.asciiDigit)
        let seven = Array(repeating: 0, count: 7 - idDigits.count) + idDigits
        let originalDigits = Array(original.value).compactMap(\.asciiDigit)
        let birth = Array(originalDigits[6...13])
        let genderDigit = Array(original.value)[16].asciiDigit ?? (original.gender == .male ? 1 : 0)
        let body = [0] + Array(seven.prefix(5)) + birth + Array(seven.suffix(2)) + [genderDigit]
        return ResidentID(trusted: body.map(String.init).joined() + String(checkCharacter(for: body)))
    }

    /// Whether this is a pseudonym made by ``pseudonym(memberID:of:)`` (its area code starts with `0`).
    public var isPseudonym: Bool { value.hasPrefix("0") }
}
