import HuzhuReport
import HuzhuValues

/// A plain text table whose columns line up with Chinese text (two columns per CJK character).
enum TextTable {
    static func render(header: [String], rows unescaped: [[String]]) -> String {
        // Cells come from data: their control characters are shown escaped (TerminalText).
        let rows = unescaped.map { $0.map { TerminalText.escaped($0) } }
        var widths = header.map { TextWidth.of($0) }
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], TextWidth.of(cell)) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { TextWidth.padded($1, to: widths[$0]) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line))
            .joined(separator: "\n")
    }
}
