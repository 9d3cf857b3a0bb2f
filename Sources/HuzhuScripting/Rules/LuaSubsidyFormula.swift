import HuzhuCore
import LuaHost

/// The union's subsidy formula in Lua: the version of the `subsidy` rule in
/// force on the decision date, its `subsidy(e)` called for each policy.
///
/// Each version is compiled once per run into an environment of its own.
/// With no version in force the member pays all (and the decision says so).
// Unchecked: a formula belongs to one run's Lua state and is only used on the
// thread that runs it; the services holding it are never shared between threads.
final class LuaSubsidyFormula: SubsidyFormula, @unchecked Sendable {
    static let ruleName = "subsidy"
    unowned let host: LuaHost
    let state: RunState
    private var compiled: [Int64: LuaScript] = [:]
    /// Each version's batch call, made once per run (its adapter compiled once).
    private var batchCalls: [Int64: SubsidyBatchCall] = [:]

    init(host: LuaHost, state: RunState) {
        self.host = host
        self.state = state
    }

    /// The version in force on a date, looked up once while ``deciding(on:in:_:)`` runs.
    private var pinned: (date: CivilDate, version: RuleVersion?)?
    /// The batch call of that version, while ``deciding(on:in:_:)`` runs.
    private var batch: SubsidyBatchCall?

    func deciding<T>(on date: CivilDate, in db: DatabaseConnection, _ body: () throws -> T) throws -> T {
        let outer = (pinned, batch)
        let version = try state.ruleVersion(Self.ruleName, on: date)
        pinned = (date, version)
        batch = try version.map { try batchCall(for: $0) }
        defer { (pinned, batch) = outer }
        return try body()
    }

    func decide(_ input: SubsidyInput, in db: DatabaseConnection) throws -> SubsidyDecision {
        let inForce: RuleVersion?
        if let pinned, pinned.date == input.decidedOn {
            inForce = pinned.version
        } else {
            inForce = try state.ruleVersion(Self.ruleName, on: input.decidedOn)
        }
        guard let version = inForce else {
            return SubsidyDecision(split: .memberPays(input.contribution),
                                   notes: ["no subsidy rule in force on \(input.decidedOn): the member pays all"])
        }
        state.notes = []
        state.ruleDepth += 1
        defer { state.ruleDepth -= 1 }
        if let batch, pinned?.version?.id == version.id, let split = try batch.decide(input) {
            return SubsidyDecision(split: split, ruleName: Self.ruleName, ruleVersionID: version.id, notes: state.notes)
        }
        // The plain call: for single decisions, and for a result the batch call
        // did not accept (the rule runs again so that the error names its line).
        state.notes = []
        let script = try script(for: version)
        let (results, line) = try script.callRecordingReturnLine("subsidy", [SubsidyValues.input(input)])
        let split = try SubsidyValues.split(from: results, script: script.name, line: line)
        return SubsidyDecision(split: split, ruleName: Self.ruleName, ruleVersionID: version.id, notes: state.notes)
    }

    /// The version's batch call, ready for a new batch (units' chains sent afresh).
    private func batchCall(for version: RuleVersion) throws -> SubsidyBatchCall {
        let call = try batchCalls[version.id!] ?? SubsidyBatchCall(script: try script(for: version))
        batchCalls[version.id!] = call
        call.startBatch()
        return call
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
