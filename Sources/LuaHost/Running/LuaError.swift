/// An error raised by Lua code or by one of the run's limits.
///
/// `message` is Lua's own text, with `chunk:line:` in front where Lua knows
/// the place (`subsidy.lua:12: attempt to index a nil value`); `script` and
/// `line` are that place taken apart. Memory errors carry no traceback:
/// Lua does not call the message handler for them.
public struct LuaError: Error, Equatable, CustomStringConvertible {
    /// What ended the run.
    public enum Kind: String, Sendable {
        case syntax
        case runtime
        case memory
        case instructionLimit = "instruction limit"
        case timeout
        case cancelled
        case outputLimit = "output limit"
    }

    public var kind: Kind
    public var message: String
    public var script: String?
    public var line: Int?
    /// `stack traceback:` and its lines; nil when Lua gave none.
    public var traceback: String?

    public init(kind: Kind, message: String, traceback: String? = nil) {
        self.kind = kind
        self.message = message
        self.traceback = traceback
        (self.script, self.line) = LuaError.location(in: message)
    }

    public var description: String { message }

    /// The text shown to a user: the message, then the traceback or a note
    /// saying why there is none.
    public var report: String {
        if let traceback { return message + "\n" + traceback }
        if kind == .memory { return message + "\n(no traceback: Lua does not run the message handler for memory errors)" }
        return message
    }

    /// Splits `chunk:line: text` into the chunk name and the line.
    static func location(in message: String) -> (String?, Int?) {
        // The chunk name may itself contain ':' (a path); take the first
        // ":<digits>:" that follows a non-empty name.
        let chars = Array(message)
        var i = 0
        while i < chars.count {
            if chars[i] == ":", i > 0 {
                var j = i + 1
                while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                if j > i + 1, j < chars.count, chars[j] == ":" {
                    return (String(chars[0..<i]), Int(String(chars[(i + 1)..<j])))
                }
            }
            if chars[i] == "\n" { break }
            i += 1
        }
        return (nil, nil)
    }
}
