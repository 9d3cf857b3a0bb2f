import HuzhuReport
import LuaHost

/// A report script that did not give one report to render.
public struct ReportScriptError: Error, CustomStringConvertible, Equatable {
    /// The script as named by the user.
    public var script: String
    public var problem: String
    public var description: String { "\(script): \(problem)" }
}

extension ScriptRunner {
    /// Runs a report script as a dry run (a report never writes: everything
    /// is rolled back) and takes the report it returns.
    ///
    /// The report is the one the script returns (`return r`); a script that
    /// returns nothing but created exactly one report gives that one.
    ///
    /// ```swift
    /// let report = try runner.runReport(source: text, name: "scripts/reports/coverage.lua", language: .en)
    /// print(ReportFormat.text.render(report))
    /// ```
    ///
    /// - Parameters:
    ///   - source: The script's text.
    ///   - name: Its name, for errors.
    ///   - arguments: `...` of the script.
    ///   - language: What `huzhu.report.lang()` answers.
    /// - Returns: The report.
    /// - Throws: `LuaError` (the script's error or a limit), ``ReportScriptError``.
    public func runReport(source: String, name: String, arguments: [LuaValue] = [],
                          language: ReportLanguage = .zh) throws -> Report {
        try host.check(source, name: name)     // syntax errors as the script is written
        let session = state.reports
        session.language = language
        session.reset()
        let outcome = try run(source: Self.wrapped(source), name: name, arguments: arguments, dryRun: true,
                              audited: (name, source), reading: true)
        let returned: [Int]
        switch outcome.results.first {
        case .array(let ids)?: returned = ids.compactMap { $0.integerValue.map(Int.init) }
        default: returned = []
        }
        let count = outcome.results.count > 1 ? Int(outcome.results[1].integerValue ?? 0) : 0
        let firstType = outcome.results.count > 2 ? outcome.results[2].stringValue ?? "nil" : "nil"
        func fail(_ problem: String) -> ReportScriptError { ReportScriptError(script: name, problem: problem) }
        switch returned.count {
        case 1:
            guard let builder = session.created.first(where: { $0.id == returned[0] }) else {
                throw fail("returned a report made before this run")
            }
            return builder.report
        case 0 where count > 0:
            throw fail("returned a \(firstType), not a report (end the script with `return r`, r from huzhu.report.new)")
        case 0:
            switch session.created.count {
            case 1: return session.created[0].report
            case 0: throw fail("made no report (call huzhu.report.new{title = …} and `return r`)")
            default: throw fail("made \(session.created.count) reports and returned none; return the one to render (`return r`)")
            }
        default:
            throw fail("returned \(returned.count) reports; return the one to render")
        }
    }

    /// The script as the body of a function whose results are sorted out on
    /// the way back: the numbers of the reports returned, how many values
    /// were returned, and the type of the first. The wrapper's opening goes
    /// on the script's first line, so line numbers in errors stay the script's.
    static func wrapped(_ source: String) -> String {
        var body = source
        if body.hasPrefix("#") { body = "--" + body.dropFirst() }   // a #! line, which Lua skips only at the start
        let prefix = "local __hz_type, __hz_tostring, __hz_select = type, tostring, select "
            + "local function __hz_reports(...) local ids, n = {}, __hz_select(\"#\", ...) "
            + "for i = 1, n do local v = __hz_select(i, ...) "
            + "if __hz_type(v) == \"userdata\" and __hz_tostring(v):sub(1, 8) == \"Report: \" then ids[#ids + 1] = v:id() end end "
            + "return ids, n, __hz_type((...)) end "
            + "return __hz_reports((function(...) "
        return prefix + body + "\nend)(...))"
    }
}
