import Foundation
import HuzhuCore

/// A one-line progress bar on standard error, drawn only when standard
/// error is a terminal (so pipes, logs and tests see none of it).
///
///     [##############----------------]  47%  470,000 rows
final class ImportProgressBar {
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// A bar when standard error is a terminal, else `nil`.
    static func ifTerminal() -> ImportProgressBar? {
        isatty(STDERR_FILENO) != 0 ? ImportProgressBar() : nil
    }

    /// Redraws the bar, at most ten times a second.
    func update(_ progress: CSVProgress) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let fraction = progress.fractionCompleted ?? 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = String(Int(fraction * 100))
        let line = "\r[\(bar)] \(String(repeating: " ", count: 3 - percent.count))\(percent)%  \(ImportReport.grouped(progress.recordsRead)) rows"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// Erases the bar.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 60) + "\r").utf8))
        drawn = false
    }
}
