/// Bar and line charts: a plot area with a y axis from 0, round ticks, labels under the x axis.
extension SVGChart {
    static let plotLeft = 80.0, plotRight = 624.0, plotTop = 16.0, plotBottom = 250.0

    /// The top of the y axis and the step between ticks: 1, 2 or 5 times a power of ten,
    /// about five ticks, the top a whole number of steps at or above `maximum`.
    static func scale(maximum: Int64) -> (top: Int64, step: Int64) {
        guard maximum > 0 else { return (5, 1) }
        let raw = (maximum + 4) / 5
        var magnitude: Int64 = 1
        while magnitude <= raw / 10 { magnitude *= 10 }
        let step = [1, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        return (((maximum + step - 1) / step) * step, step)
    }

    func axes(_ data: ChartData, kind: ChartKind) -> [String] {
        let (top, step) = Self.scale(maximum: data.maximum)
        let plotWidth = Self.plotRight - Self.plotLeft, plotHeight = Self.plotBottom - Self.plotTop
        func y(_ value: Int64) -> Double { Self.plotBottom - Double(max(value, 0)) / Double(top) * plotHeight }
        let slot = plotWidth / Double(max(data.labels.count, 1))
        let tickType = data.series.first?.type ?? .integer
        var out = ["<g class=\"axes\" stroke=\"#999\">",
                   "<line x1=\"\(Self.number(Self.plotLeft))\" y1=\"\(Self.number(Self.plotTop))\" x2=\"\(Self.number(Self.plotLeft))\" y2=\"\(Self.number(Self.plotBottom))\"/>",
                   "<line x1=\"\(Self.number(Self.plotLeft))\" y1=\"\(Self.number(Self.plotBottom))\" x2=\"\(Self.number(Self.plotRight))\" y2=\"\(Self.number(Self.plotBottom))\"/>"]
        var tick: Int64 = step
        while tick <= top {
            out.append("<line x1=\"\(Self.number(Self.plotLeft))\" y1=\"\(Self.number(y(tick)))\" x2=\"\(Self.number(Self.plotRight))\" y2=\"\(Self.number(y(tick)))\" stroke=\"#e3e3e3\"/>")
            tick += step
        }
        out.append("</g>")
        out.append("<g class=\"y-labels\" fill=\"#555\">")
        tick = 0
        while tick <= top {
            out.append(Self.text(formatter.text(.integer(tick), as: tickType), x: Self.plotLeft - 6, y: y(tick) + 4, anchor: "end"))
            tick += step
        }
        out.append("</g>")
        out.append("<g class=\"x-labels\" fill=\"#333\">")
        for (index, label) in data.labels.enumerated() {
            out.append(Self.text(label, x: Self.plotLeft + slot * (Double(index) + 0.5), y: Self.plotBottom + 18, anchor: "middle"))
        }
        out.append("</g>")
        switch kind {
        case .line: out += lines(data, slot: slot, y: y)
        default: out += bars(data, slot: slot, y: y)
        }
        out += Self.legend(data.series.map(\.name), x: Self.plotLeft, y: Self.height - 14)
        return out
    }

    private func tooltip(_ label: String, _ series: ChartData.Series, _ value: Int64) -> String {
        "<title>\(HTMLEscaping.escape(label + " · " + series.name + strings.colon + formatter.text(.integer(value), as: series.type)))</title>"
    }

    private func bars(_ data: ChartData, slot: Double, y: (Int64) -> Double) -> [String] {
        var out = ["<g class=\"bars\">"]
        let barWidth = slot * 0.8 / Double(max(data.series.count, 1))
        for (row, label) in data.labels.enumerated() {
            for (index, series) in data.series.enumerated() {
                let value = series.values[row]
                let x = Self.plotLeft + slot * Double(row) + slot * 0.1 + barWidth * Double(index)
                let top = y(value)
                out.append("<rect x=\"\(Self.number(x))\" y=\"\(Self.number(top))\" width=\"\(Self.number(barWidth))\" height=\"\(Self.number(Self.plotBottom - top))\" fill=\"\(Self.color(index))\">"
                           + tooltip(label, series, value) + "</rect>")
            }
        }
        out.append("</g>")
        return out
    }

    private func lines(_ data: ChartData, slot: Double, y: (Int64) -> Double) -> [String] {
        var out = ["<g class=\"lines\" fill=\"none\" stroke-width=\"2\">"]
        for (index, series) in data.series.enumerated() {
            let points = series.values.enumerated().map { row, value in
                (Self.plotLeft + slot * (Double(row) + 0.5), y(value))
            }
            out.append("<polyline stroke=\"\(Self.color(index))\" points=\"" + points.map { Self.number($0.0) + "," + Self.number($0.1) }.joined(separator: " ") + "\"/>")
            for (row, point) in points.enumerated() {
                out.append("<circle cx=\"\(Self.number(point.0))\" cy=\"\(Self.number(point.1))\" r=\"3\" fill=\"\(Self.color(index))\">"
                           + tooltip(data.labels[row], series, series.values[row]) + "</circle>")
            }
        }
        out.append("</g>")
        return out
    }
}
