import HuzhuCore
import HuzhuReport
import LuaHost

/// `huzhu.report`: reports built by scripts and rendered by `huzhu report`
/// as terminal text, CSV, Markdown or HTML (see docs/reports.md).
enum ReportFunctions {
    static func module(_ state: RunState) -> LuaModule {
        let session = state.reports
        var m = LuaModule("report", summary: "Reports: sections, paragraphs, key figures, typed tables and charts; `huzhu report NAME` renders the report a script returns.")
        m.function("new", doc: LuaDoc(
            "Starts a report: `local r = huzhu.report.new{title = \"各区参保情况\", date = huzhu.today()}`. Build it with its methods (see huzhu.Report) and `return r`.",
            params: [.init("options", "{title: string, subtitle?: string, date?: string}", "date: YYYY-MM-DD, shown as 生成日期/Generated (none when nil)")],
            returns: [.init("huzhu.Report")])) { call in
            let o = try Options(call, 1, allowed: ["title", "subtitle", "date"])
            let date: CivilDate?
            if let text = try o.string("date") {
                guard let parsed = try? CivilDate(parsing: text) else {
                    throw LuaArgumentError(position: 1, function: call.functionName, problem: "option 'date': date expected (YYYY-MM-DD), got '\(text)'")
                }
                date = parsed
            } else {
                date = nil
            }
            let report = Report(title: try o.requiredString("title"), subtitle: try o.string("subtitle"), date: date)
            return try call.push(session.make(report), as: session.reportType)
        }
        m.function("lang", doc: LuaDoc(
            "The language the report is rendered in (`huzhu report --lang`): \"zh\" (the default) or \"en\", so a script can choose its labels.",
            returns: [.init("string", "\"zh\" or \"en\"")])) { call in
            call.push(session.language.rawValue)
        }
        return m
    }

    /// The report objects, for the editor definitions.
    static let classes: [LuaClassDoc] = [
        LuaClassDoc("huzhu.ReportColumn", fields: [
            .init("key", "string", "the key rows use"), .init("label", "string?", "the heading (the key when nil)"),
            .init("type", "string?", "text (default), integer, money (fen), percent (basis points: 1234 = 12.34%), date (YYYY-MM-DD), resident_id or phone (masked unless --unmasked)"),
        ]),
        LuaClassDoc("huzhu.Report", fields: [
            .init("id", "fun(self: huzhu.Report): integer", "the report's number in the run (1 for the first)"),
            .init("section", "fun(self: huzhu.Report, heading: string): huzhu.Report", "adds a section heading"),
            .init("paragraph", "fun(self: huzhu.Report, text: string): huzhu.Report", "adds a paragraph"),
            .init("figure", "fun(self: huzhu.Report, figure: {label: string, value: integer|string, type?: string}): huzhu.Report",
                  "adds a key figure; type as a column's (integer for an integer value, text for a string when nil)"),
            .init("table", "fun(self: huzhu.Report, table: {title?: string, columns: huzhu.ReportColumn[], rows?: table[], total?: boolean}): huzhu.ReportTable",
                  "adds a table; rows are keyed by column key; total adds a 合计 row summing integer and money columns"),
            .init("chart", "fun(self: huzhu.Report, chart: {type: \"bar\"|\"line\"|\"pie\", table: huzhu.ReportTable, label: string, values: string[]|string, title?: string}): huzhu.Report",
                  "adds a chart of a table: label names the label column, values the numeric columns (one for a pie)"),
            .init("render", "fun(self: huzhu.Report, format?: \"text\"|\"csv\"|\"md\"|\"html\"): string", "the report rendered (masked), text by default"),
        ]),
        LuaClassDoc("huzhu.ReportTable", fields: [
            .init("add", "fun(self: huzhu.ReportTable, row: table): huzhu.ReportTable", "appends a row keyed by column key"),
            .init("count", "fun(self: huzhu.ReportTable): integer", "the number of rows"),
        ]),
    ]
}
