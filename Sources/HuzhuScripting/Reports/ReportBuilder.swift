import HuzhuReport

/// A report a script is building (`huzhu.report.new{…}`): the Lua object
/// `Report` holds one.
final class ReportBuilder {
    /// The report's number in its run (1 for the first), `r:id()`.
    let id: Int
    var report: Report

    init(id: Int, report: Report) {
        self.id = id
        self.report = report
    }

    /// `#1 “参保情况” — 4 blocks, 1 table, 1 chart`, for `tostring` and the REPL.
    var summary: String {
        var counts = [0, 0]
        for block in report.blocks {
            if case .table = block { counts[0] += 1 }
            if case .chart = block { counts[1] += 1 }
        }
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "#\(id) “\(report.title)” — " + [plural(report.blocks.count, "block"), plural(counts[0], "table"),
                                                 plural(counts[1], "chart")].joined(separator: ", ")
    }
}

/// A table of a report being built (`r:table{…}`): the Lua object
/// `ReportTable`, which adds rows and is what charts name.
final class ReportTableHandle {
    let builder: ReportBuilder
    /// Which table of the report (0 for the first).
    let index: Int

    init(builder: ReportBuilder, index: Int) {
        self.builder = builder
        self.index = index
    }

    var table: ReportTable? { builder.report.table(index) }

    /// `“各区参保” — 3 columns, 12 rows (report #1)`.
    var summary: String {
        guard let table else { return "(missing)" }
        return "“\(table.title ?? "")” — \(table.columns.count) columns, \(table.rows.count) rows (report #\(builder.id))"
    }
}
