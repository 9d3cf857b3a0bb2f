/// Resident IDs and phone numbers found in free text, masked — for output
/// such as the REPL's, where values arrive as plain text with no field name.
///
/// A number is a maximal run of ASCII digits (not part of a longer run):
/// 17 digits and a digit or `X` is a resident ID (masked as
/// ``ResidentID/mask(_:)``); 11 digits starting `13`–`19` is a mobile, and
/// `0` plus 2–3 digits, `-`, 7–8 digits a landline (masked as
/// ``Phone/mask(_:)``). Other numbers, amounts in fen among them, stay.
///
/// ```swift
/// PersonalNumbers.masked(in: "王一 340104198001010011 13812345678 26.00")
/// // "王一 340104********0011 138****5678 26.00"
/// ```
public enum PersonalNumbers {
    /// The text with every resident ID and phone number in it masked.
    public static func masked(in text: String) -> String {
        let characters = Array(text)
        guard characters.count >= 11 else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var i = 0
        while i < characters.count {
            guard characters[i].isASCIIDigitCharacter, i == 0 || !characters[i - 1].isASCIIDigitCharacter else {
                out.append(characters[i])
                i += 1
                continue
            }
            var end = i
            while end < characters.count, characters[end].isASCIIDigitCharacter { end += 1 }
            let digits = end - i
            if digits == 17, end < characters.count, characters[end] == "X" || characters[end] == "x",
               end + 1 == characters.count || !characters[end + 1].isIDCharacter {
                end += 1
            }
            var run = String(characters[i..<end])
            if run.count == 18 || (run.count == 11 && run.hasPrefix("1") && "3456789".contains(characters[i + 1])) {
                out += run.count == 18 ? ResidentID.mask(run) : Phone.mask(run)
                i = end
                continue
            }
            // A landline: 0, 2–3 more digits, a hyphen, 7–8 digits.
            if run.hasPrefix("0"), (3...4).contains(run.count), end < characters.count, characters[end] == "-" {
                var local = end + 1
                while local < characters.count, characters[local].isASCIIDigitCharacter { local += 1 }
                if (7...8).contains(local - end - 1) {
                    run = String(characters[i..<local])
                    out += Phone.mask(run)
                    i = local
                    continue
                }
            }
            out += run
            i = end
        }
        return out
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isWholeNumber }
    var isIDCharacter: Bool { isASCIIDigitCharacter || self == "X" || self == "x" }
}
