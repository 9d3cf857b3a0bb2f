import Foundation

/// Pie charts: slices from the top, clockwise; the legend beside gives each
/// label, its share and its value.
extension SVGChart {
    static let pieCenter = (x: 160.0, y: 160.0), pieRadius = 130.0

    func pie(_ data: ChartData) -> [String] {
        guard let series = data.series.first else { return [] }
        let shares = ChartData.shares(series.values)
        let (cx, cy, r) = (Self.pieCenter.x, Self.pieCenter.y, Self.pieRadius)
        func point(_ fraction: Double) -> String {
            let angle = fraction * 2 * Double.pi - Double.pi / 2
            return Self.number(cx + r * cos(angle)) + " " + Self.number(cy + r * sin(angle))
        }
        var out = ["<g class=\"slices\" stroke=\"#fff\" stroke-width=\"1\">"]
        var start = 0.0
        for (index, share) in shares.enumerated() where share > 0 {
            let fraction = Double(share) / 10_000
            let tip = "<title>\(HTMLEscaping.escape(data.labels[index] + strings.colon + ValueFormatter.percent(basisPoints: share)))</title>"
            let path: String
            if share >= 10_000 {       // the whole pie: two half arcs
                path = "M \(point(0)) A \(Self.number(r)) \(Self.number(r)) 0 1 1 \(point(0.5)) A \(Self.number(r)) \(Self.number(r)) 0 1 1 \(point(0)) Z"
            } else {
                let end = min(start + fraction, 1)
                path = "M \(Self.number(cx)) \(Self.number(cy)) L \(point(start)) A \(Self.number(r)) \(Self.number(r)) 0 \(end - start > 0.5 ? 1 : 0) 1 \(point(end)) Z"
            }
            out.append("<path d=\"\(path)\" fill=\"\(Self.color(index))\">\(tip)</path>")
            start += fraction
        }
        out.append("</g>")
        out.append("<g class=\"legend\">")
        for (index, label) in data.labels.enumerated() {
            let y = 40.0 + Double(index) * 22
            out.append("<rect x=\"330\" y=\"\(Self.number(y - 10))\" width=\"12\" height=\"12\" fill=\"\(Self.color(index))\"/>")
            out.append(Self.text(label + "  " + ValueFormatter.percent(basisPoints: shares[index]) + "  "
                                 + formatter.text(.integer(series.values[index]), as: series.type), x: 348, y: y))
        }
        out.append("</g>")
        return out
    }
}
