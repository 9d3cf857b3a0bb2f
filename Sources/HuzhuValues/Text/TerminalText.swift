/// Text from data made safe for a terminal: control characters (C0, DEL
/// and C1) shown as escapes — `\x1B` for ESC, `\n`, `\r`, `\t` — so a
/// name cannot clear the screen, retitle the window or fake a table row.
///
/// ```swift
/// TerminalText.escaped("张三\u{1B}[2J")                 // 张三\x1B[2J
/// TerminalText.escaped("a\nb", keepingLineBreaks: true)  // a, line break, b
/// ```
public enum TerminalText {
    /// The text with every control character escaped (line feeds and tabs too, unless kept).
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false, keepingTabs: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar), !(keepingLineBreaks && scalar == "\n"), !(keepingTabs && scalar == "\t") else {
                out.append(scalar)
                continue
            }
            let shown: String
            switch scalar {
            case "\n": shown = "\\n"
            case "\r": shown = "\\r"
            case "\t": shown = "\\t"
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                shown = "\\x" + (hex.count < 2 ? "0" + hex : hex)
            }
            out.append(contentsOf: shown.unicodeScalars)
        }
        return String(out)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
