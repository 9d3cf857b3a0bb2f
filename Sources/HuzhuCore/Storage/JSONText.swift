/// JSON text written by hand where Foundation's encoder would cost too much
/// (an audit row per write, an appraisal result per unit).
enum JSONText {
    /// A JSON string literal: `"a\"b"`. Text with nothing to escape is copied whole.
    static func quote(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A JSON array of strings: `["a","b"]`, `[]` for none.
    static func array(_ texts: [String]) -> String {
        "[" + texts.map(quote).joined(separator: ",") + "]"
    }
}
