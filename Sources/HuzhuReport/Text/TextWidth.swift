/// How many terminal columns text takes: two for a CJK character (East
/// Asian Wide or Fullwidth, e.g. 包 or （), none for combining marks and
/// zero-width characters, one for the rest.
///
/// A small table of the wide ranges of Unicode's `EastAsianWidth.txt`
/// (UAX #11) — enough for Chinese text, full-width punctuation and the
/// yuan sign; ambiguous characters count as narrow, as terminals in
/// Western locales show them.
///
/// ```swift
/// TextWidth.of("包河区")             // 6
/// TextWidth.padded("包河区", to: 8)  // "包河区  "
/// ```
public enum TextWidth {
    /// The columns of a string.
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// The columns of one Unicode scalar: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0 || (0x300...0x36F).contains(value) || (0x200B...0x200F).contains(value)
            || (0xFE00...0xFE0F).contains(value) || value == 0xFEFF {
            return 0
        }
        for range in wide where range.contains(value) { return 2 }
        return 1
    }

    /// The text followed by spaces to fill `width` columns (unchanged if wider).
    public static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - of(text)))
    }

    /// Spaces then the text, right-aligned in `width` columns (unchanged if wider).
    public static func rightAligned(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - of(text))) + text
    }

    /// The East Asian Wide (W) and Fullwidth (F) ranges.
    private static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F,    // Hangul Jamo initials
        0x2E80...0x303E,    // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
        0x3041...0x33FF,    // Hiragana … CJK compatibility
        0x3400...0x4DBF,    // CJK Extension A
        0x4E00...0x9FFF,    // CJK Unified Ideographs
        0xA000...0xA4CF,    // Yi
        0xAC00...0xD7A3,    // Hangul syllables
        0xF900...0xFAFF,    // CJK compatibility ideographs
        0xFE30...0xFE4F,    // CJK compatibility forms
        0xFF00...0xFF60,    // Fullwidth forms
        0xFFE0...0xFFE6,    // Fullwidth signs (￥)
        0x1F300...0x1F64F,  // pictographs and emoticons
        0x1F900...0x1F9FF,  // supplemental symbols and pictographs
        0x20000...0x3FFFD,  // CJK Extensions B…
    ]
}
