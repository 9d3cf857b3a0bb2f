/// Rules shared by codes and names of units, offices and plans.
public enum CodeRules {
    /// Whether a code has 1–32 ASCII letters, digits, `-` or `_`.
    ///
    /// Keeping `/` (the path separator) and SQL wildcards out of codes is
    /// what makes a unit's path a safe prefix.
    public static func isValidCode(_ code: String) -> Bool {
        let utf8 = code.utf8
        return (1...32).contains(utf8.count) && utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    /// The length of a name in characters if it is 1…`maximum` long after
    /// trimming nothing, else `nil`.
    public static func nameLength(_ name: String, maximum: Int) -> (ok: Bool, count: Int) {
        let count = name.count
        let blank = name.allSatisfy(\.isWhitespace)
        return (!blank && count <= maximum, blank ? 0 : count)
    }
}
