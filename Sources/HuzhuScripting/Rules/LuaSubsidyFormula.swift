import GRDB
import HuzhuCore
import LuaHost

/// The union's subsidy formula in Lua: the version of the `subsidy` rule in
/// force on the decision date, its `subsidy(e)` called for each policy.
///
/// Each version is compiled once per run into an environment of its own.
/// With no version in force the member pays all (and the decision says so).
final class LuaSubsidyFormula: SubsidyFormula {
    static let ruleName = "subsidy"
    unowned let host: LuaHost
    let state: RunState
    private var compiled: [Int64: LuaScript] = [:]

    init(host: LuaHost, state: RunState) {
        self.host = host
        self.state = state
    }

    func decide(_ input: SubsidyInput, in db: Database) throws -> SubsidyDecision {
        guard let version = try RuleService().version(db, name: Self.ruleName, on: input.decidedOn) else {
            return SubsidyDecision(split: .memberPays(input.contribution),
                                   notes: ["no subsidy rule in force on \(input.decidedOn): the member pays all"])
        }
        let script = try script(for: version)
        state.notes = []
        state.ruleDepth += 1
        defer { state.ruleDepth -= 1 }
        let (results, line) = try script.callRecordingReturnLine("subsidy", [SubsidyValues.input(input)])
        let split = try SubsidyValues.split(from: results, script: script.name, line: line)
        return SubsidyDecision(split: split, ruleName: Self.ruleName, ruleVersionID: version.id, notes: state.notes)
    }

    /// The compiled version (its chunk is named `rules/subsidy.lua` in messages).
    func script(for version: RuleVersion) throws -> LuaScript {
        if let cached = compiled[version.id!] { return cached }
        let script = try host.compile(version.text, name: "rules/\(version.name).lua", in: try host.makeEnvironment())
        try script.run()
        guard script.defines(function: "subsidy") else {
            throw ScriptingError("rules/\(version.name).lua (version \(version.shortHash)) does not define function subsidy(e)")
        }
        compiled[version.id!] = script
        return script
    }
}
