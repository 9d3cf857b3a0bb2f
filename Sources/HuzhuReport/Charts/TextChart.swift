/// Charts drawn with block characters for terminal text.
///
/// - bar: one line per label (and per series when there are several), a bar
///   of up to ``barWidth`` cells in eighths (`█▉▊▋▌▍▎▏`) scaled to the largest
///   value, then the value;
/// - line: one line per series, a sparkline (`▁▂▃▄▅▆▇█`, one character per
///   label) and the first and last points;
/// - pie: one line per label, its share as a bar of ``pieWidth`` cells, the
///   percentage and the value.
///
/// Block characters are one column wide, as terminals show them.
struct TextChart {
    static let barWidth = 40
    static let pieWidth = 20
    private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    private static let levels = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    let formatter: ValueFormatter

    /// The chart's lines, without its caption.
    func lines(_ data: ChartData, kind: ChartKind) -> [String] {
        switch kind {
        case .bar: return bars(data)
        case .line: return sparklines(data)
        case .pie: return pie(data)
        }
    }

    /// A bar of `value` out of `maximum`, `width` cells at most, padded to `width`.
    static func bar(_ value: Int64, of maximum: Int64, width: Int) -> String {
        guard maximum > 0, value > 0 else { return String(repeating: " ", count: width) }
        let eighthsTotal = Int((Double(value) / Double(maximum) * Double(width * 8)).rounded())
        let text = String(repeating: "█", count: eighthsTotal / 8) + eighths[eighthsTotal % 8]
        return TextWidth.padded(text, to: width)
    }

    private func bars(_ data: ChartData) -> [String] {
        let maximum = data.maximum
        let labelWidth = data.labels.map(TextWidth.of).max() ?? 0
        let seriesWidth = data.series.count > 1 ? (data.series.map { TextWidth.of($0.name) }.max() ?? 0) : 0
        let values = data.series.map { s in s.values.map { formatter.text(.integer($0), as: s.type) } }
        let valueWidth = values.flatMap { $0 }.map(TextWidth.of).max() ?? 0
        var out: [String] = []
        for (row, label) in data.labels.enumerated() {
            for (index, series) in data.series.enumerated() {
                var line = TextWidth.padded(index == 0 ? label : "", to: labelWidth) + "  "
                if seriesWidth > 0 { line += TextWidth.padded(series.name, to: seriesWidth) + "  " }
                line += Self.bar(series.values[row], of: maximum, width: Self.barWidth) + " "
                line += TextWidth.rightAligned(values[index][row], to: valueWidth)
                out.append(line)
            }
        }
        return out
    }

    private func sparklines(_ data: ChartData) -> [String] {
        let nameWidth = data.series.map { TextWidth.of($0.name) }.max() ?? 0
        return data.series.map { series in
            let low = series.values.min() ?? 0, high = series.values.max() ?? 0
            let spark = series.values.map { value -> String in
                guard high > low else { return Self.levels[0] }
                return Self.levels[Int((Double(value - low) / Double(high - low) * 7).rounded())]
            }.joined()
            var line = TextWidth.padded(series.name, to: nameWidth) + "  " + spark
            if let first = series.values.first, let last = series.values.last {
                line += "  " + data.labels[0] + " " + formatter.text(.integer(first), as: series.type)
                    + " → " + data.labels[data.labels.count - 1] + " " + formatter.text(.integer(last), as: series.type)
            }
            return line
        }
    }

    private func pie(_ data: ChartData) -> [String] {
        guard let series = data.series.first else { return [] }
        let shares = ChartData.shares(series.values)
        let labelWidth = data.labels.map(TextWidth.of).max() ?? 0
        let percents = shares.map(ValueFormatter.percent(basisPoints:))
        let percentWidth = percents.map(TextWidth.of).max() ?? 0
        let values = series.values.map { formatter.text(.integer($0), as: series.type) }
        let valueWidth = values.map(TextWidth.of).max() ?? 0
        return data.labels.indices.map { row in
            TextWidth.padded(data.labels[row], to: labelWidth) + "  "
                + Self.bar(shares[row], of: 10_000, width: Self.pieWidth) + " "
                + TextWidth.rightAligned(percents[row], to: percentWidth) + "  "
                + TextWidth.rightAligned(values[row], to: valueWidth)
        }
    }
}
