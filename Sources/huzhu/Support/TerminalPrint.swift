import Foundation
import HuzhuCore
import LuaHost

/// A script's `print` on a terminal: control characters shown as escapes
/// (`\x1B`, `\r`; line breaks and tabs kept), so a name read from the data
/// cannot clear the screen or retitle the window. To a file or a pipe the
/// bytes pass unchanged: the script owns what it writes there.
enum TerminalPrint {
    static func install(on host: LuaHost) {
        guard isatty(STDOUT_FILENO) != 0 else { return }
        host.output = { bytes in
            let text = TerminalText.escaped(String(decoding: bytes, as: UTF8.self), keepingLineBreaks: true, keepingTabs: true)
            text.utf8CString.withUnsafeBytes { StandardOutput.write(UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
        }
    }
}
