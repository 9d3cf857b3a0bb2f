import HuzhuCore
import LuaHost

/// The union's appraisal rule in Lua: `score(unit, indicators, period)`
/// returns a total and points per indicator; `reward(rank, score, unit,
/// count)` (optional: no rewards without it) returns fen.
///
/// Rules decide, they do not write: `huzhu` writes are refused inside them.
final class LuaAppraisalRule: AppraisalRule {
    static let name = "appraisal"
    let ruleName = LuaAppraisalRule.name
    let ruleVersionID: Int64?
    let sha256: String
    private let script: LuaScript
    private let state: RunState

    /// Compiles a version (or a candidate's text, `versionID` nil) into an environment of its own.
    init(host: LuaHost, state: RunState, text: String, chunkName: String, versionID: Int64?) throws {
        self.state = state
        ruleVersionID = versionID
        sha256 = ScriptRunner.sha256(text)
        script = try host.compile(text, name: chunkName, in: try host.makeEnvironment())
        try script.run()
        guard script.defines(function: "score") else {
            throw ScriptingError("\(chunkName) does not define function score(unit, indicators, period)")
        }
    }

    func score(unit: Unit, indicators: Indicators, fields: IndicatorValue, period: AppraisalPeriod,
               year: Int) throws -> AppraisalScore {
        state.notes = []
        state.ruleDepth += 1
        defer { state.ruleDepth -= 1 }
        let (results, line) = try script.callRecordingReturnLine("score", [
            Records.unit(unit), IndicatorFunctions.value(fields), AppraisalValues.period(period, year: year),
        ])
        return try AppraisalValues.score(from: results, script: script.name, line: line, unit: unit.code, notes: state.notes)
    }

    func reward(rank: Int, of count: Int, score: AppraisalScore, unit: Unit) throws -> Money {
        guard script.defines(function: "reward") else { return .zero }
        state.ruleDepth += 1
        defer { state.ruleDepth -= 1 }
        let (results, line) = try script.callRecordingReturnLine("reward", [
            .integer(Int64(rank)), .number(score.total), Records.unit(unit), .integer(Int64(count)),
        ])
        return try AppraisalValues.reward(from: results, script: script.name, line: line, rank: rank, unit: unit.code)
    }
}
