import HuzhuReport
import LuaHost

/// The reports of a runner: the Lua object types, the language scripts read
/// (`huzhu.report.lang()`), and the reports the last report run created.
final class ReportSession {
    /// The language `huzhu report --lang` chose; Chinese by default.
    var language: ReportLanguage = .zh
    /// Reports created since ``reset()``, in order.
    private(set) var created: [ReportBuilder] = []

    let reportType: LuaObjectType<ReportBuilder>
    let tableType: LuaObjectType<ReportTableHandle>

    init() {
        reportType = LuaObjectType(name: "Report", describe: { $0.summary })
        tableType = LuaObjectType(name: "ReportTable", describe: { $0.summary })
        // A report holds no transaction: it may be built across REPL lines.
        reportType.outlivesRuns = true
        tableType.outlivesRuns = true
    }

    /// Makes a new report, numbered from 1 since the last ``reset()``.
    func make(_ report: Report) -> ReportBuilder {
        let builder = ReportBuilder(id: created.count + 1, report: report)
        created.append(builder)
        return builder
    }

    /// Forgets the reports made so far (before a report run).
    func reset() { created.removeAll() }

    /// Registers the object types with `host`, with their methods.
    func register(in host: LuaHost) throws {
        ReportMethods.add(to: reportType, tableType: tableType, session: self)
        ReportMethods.add(to: tableType)
        try host.register(reportType)
        try host.register(tableType)
    }
}
