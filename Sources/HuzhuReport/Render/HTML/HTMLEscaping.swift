/// Escapes text for HTML content and attribute values: `&`, `<`, `>`, `"` and `'`.
///
/// ```swift
/// HTMLEscaping.escape("<b>&\"")   // "&lt;b&gt;&amp;&quot;"
/// ```
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
