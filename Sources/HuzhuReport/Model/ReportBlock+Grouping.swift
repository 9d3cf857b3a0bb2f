/// A block as renderers lay it out: consecutive key figures form one list.
enum LaidOutBlock {
    case section(String)
    case paragraph(String)
    case figures([KeyFigure])
    case table(ReportTable)
    case chart(ReportChart, ReportTable)
}

extension Report {
    /// The body with consecutive key figures gathered and each chart paired with its table.
    var laidOut: [LaidOutBlock] {
        var out: [LaidOutBlock] = []
        for block in blocks {
            switch block {
            case .section(let s): out.append(.section(s))
            case .paragraph(let p): out.append(.paragraph(p))
            case .table(let t): out.append(.table(t))
            case .chart(let c):
                if let t = table(c.table) { out.append(.chart(c, t)) }
            case .figure(let f):
                if case .figures(let list)? = out.last {
                    out[out.count - 1] = .figures(list + [f])
                } else {
                    out.append(.figures([f]))
                }
            }
        }
        return out
    }
}
