import CEditLine
import Foundation

/// Line editing and history through libedit (readline interface).
///
/// `setlocale(LC_ALL, "")` comes first, or libedit silently drops Chinese
/// input. A multi-line statement is kept as one history entry. History
/// persists in a file.
final class LineEditor {
    private let historyFile: String
    nonisolated(unsafe) static var completer: ((String) -> [String])?
    nonisolated(unsafe) static var matches: [String] = []
    nonisolated(unsafe) static var matchIndex = 0

    init(historyFile: String) {
        self.historyFile = historyFile
        setlocale(LC_ALL, "")
        hz_rl_configure(strdup("huzhu"), strdup(" \t\n\"'><=;+-*/%^~#{}()[],")) { text, _, _ in
            guard let text else { return nil }
            LineEditor.matches = LineEditor.completer?(String(cString: text)) ?? []
            LineEditor.matchIndex = 0
            hz_rl_completion_over()
            if LineEditor.matches.isEmpty { return nil }
            return rl_completion_matches(text) { _, state in
                if state == 0 { LineEditor.matchIndex = 0 }
                guard LineEditor.matchIndex < LineEditor.matches.count else { return nil }
                defer { LineEditor.matchIndex += 1 }
                return strdup(LineEditor.matches[LineEditor.matchIndex])
            }
        }
        using_history()
        _ = read_history(historyFile)
    }

    /// What one read gave.
    enum Read: Equatable {
        case line(String)
        /// Ctrl-C (SIGINT) while reading: libedit dropped the half-typed line.
        case interrupted
        /// Ctrl-D at an empty line, or the end of input.
        case end
    }

    /// Reads one line. The SIGINT handler is installed without `SA_RESTART`,
    /// so Ctrl-C ends libedit's `read` with `EINTR` and `readline` returns nil.
    func readLine(prompt: String) -> Read {
        errno = 0
        guard let raw = readline(prompt) else { return errno == EINTR ? .interrupted : .end }
        defer { free(raw) }
        return .line(String(cString: raw))
    }

    /// Remembers a complete input (several lines become one entry) and saves the history.
    func remember(_ input: String) {
        guard !input.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
        _ = add_history(input)
        _ = write_history(historyFile)
    }
}
