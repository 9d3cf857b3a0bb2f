import HuzhuValues

/// Lays a report table out in terminal columns: headings, a rule, the rows
/// and the total row, each cell padded to its column's display width (a CJK
/// character counts two), numbers right-aligned. Every line of the table has
/// the same display width.
struct TextTableLayout {
    let formatter: ValueFormatter
    let strings: ReportStrings

    func lines(_ table: ReportTable) -> [String] {
        let columns = table.columns
        var body = table.rows.map { row in zip(columns, row).map { TerminalText.escaped(formatter.text($1, as: $0.type)) } }
        let labels = columns.map { TerminalText.escaped($0.label) }
        let totalRow = table.totals.map { totals in
            columns.indices.map { index -> String in
                if let sum = totals[index] { return formatter.text(.integer(sum), as: columns[index].type) }
                return index == 0 ? strings.total : ""
            }
        }
        var widths = labels.map(TextWidth.of)
        for row in body + (totalRow.map { [$0] } ?? []) {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], TextWidth.of(cell)) }
        }
        if body.isEmpty, let first = widths.indices.first {
            widths[first] = max(widths[first], TextWidth.of(strings.noData))
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                columns[index].type.isNumeric ? TextWidth.rightAligned(cell, to: widths[index])
                    : TextWidth.padded(cell, to: widths[index])
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        if body.isEmpty {
            let width = TextWidth.of(rule)
            body = []
            return [line(labels), rule, TextWidth.padded(strings.noData, to: width)]
        }
        var out = [line(labels), rule] + body.map(line)
        if let totalRow { out += [rule, line(totalRow)] }
        return out
    }
}
