/// A resident ID checked on its bytes, for bulk imports.
///
/// ``check(_:today:)`` accepts exactly the 18-character IDs that
/// ``ResidentID/init(_:today:earliestBirthDate:)`` accepts with the default
/// earliest birth date, without the per-character work; for anything else
/// (15-digit legacy numbers, and every invalid ID) it returns `nil` and the
/// importer calls ``ResidentID`` itself, which gives the exact failure or
/// the upgrade. The test suite checks the two agree.
public struct FastResidentID {
    /// The first 17 digits as a number: the key of the in-file duplicate
    /// check (the check character follows from them).
    public var key: UInt64
    /// The 18 characters, check character upper-cased.
    public var value: String
    /// The check character's byte (`0`–`9` or `X`).
    public var check: UInt8
    /// The birth date.
    public var birthDate: CivilDate
    /// Whether the 17th digit is odd.
    public var isMale: Bool

    /// Province-level area codes, indexed 0–99.
    private static let provinces: [Bool] = (0..<100).map { ResidentID.provinceCodes.contains($0) }
    private static let weights: [UInt64] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checks: [UInt8] = Array("10X98765432".utf8)

    /// The checked ID, or `nil` when the fast checks do not all pass.
    public static func check(_ text: String, today: CivilDate) -> FastResidentID? {
        var text = text
        return text.withUTF8 { bytes -> FastResidentID? in
            guard bytes.count == 18 else { return nil }
            var key: UInt64 = 0
            var sum: UInt64 = 0
            for index in 0..<17 {
                let digit = bytes[index] &- 48
                guard digit < 10 else { return nil }
                key = key * 10 + UInt64(digit)
                sum += UInt64(digit) * weights[index]
            }
            var last = bytes[17]
            if last == UInt8(ascii: "x") { last = UInt8(ascii: "X") }
            guard last == checks[Int(sum % 11)] else { return nil }
            func digit(_ index: Int) -> Int { Int(bytes[index] &- 48) }
            guard provinces[digit(0) * 10 + digit(1)] else { return nil }
            let year = digit(6) * 1000 + digit(7) * 100 + digit(8) * 10 + digit(9)
            guard let birth = CivilDate(year: year, month: digit(10) * 10 + digit(11), day: digit(12) * 10 + digit(13)),
                  birth >= ResidentID.defaultEarliestBirthDate, birth <= today else { return nil }
            let value = bytes[17] == UInt8(ascii: "x") ? String(decoding: bytes.prefix(17), as: UTF8.self) + "X" : nil
            return FastResidentID(key: key, value: value ?? "", check: last, birthDate: birth, isMale: digit(16) % 2 == 1)
        }.map { id in
            var id = id
            if id.value.isEmpty { id.value = text }
            return id
        }
    }

    /// The first 17 digits of a checked ID as a number.
    public static func key(_ id: ResidentID) -> UInt64 {
        var key: UInt64 = 0
        for byte in id.value.utf8.prefix(17) { key = key * 10 + UInt64(byte &- 48) }
        return key
    }

    /// The same facts from a checked ``ResidentID`` (the slow path's result).
    public init(_ id: ResidentID) {
        var key: UInt64 = 0
        for byte in id.value.utf8.prefix(17) { key = key * 10 + UInt64(byte - 48) }
        self.key = key
        value = id.value
        check = id.value.utf8.last!
        birthDate = id.birthDate
        isMale = id.gender == .male
    }

    public init(key: UInt64, value: String, check: UInt8, birthDate: CivilDate, isMale: Bool) {
        self.key = key
        self.value = value
        self.check = check
        self.birthDate = birthDate
        self.isMale = isMale
    }
}
