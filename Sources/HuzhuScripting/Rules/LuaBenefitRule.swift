import HuzhuCore
import LuaHost

/// A union's benefit top-up (`benefit(claim, computed)`): the version of the
/// `benefit` rule in force proposes a claim's whole benefit; the core caps it
/// at the plan's limits and records it with the version's hash.
final class LuaBenefitRule {
    static let ruleName = "benefit"
    unowned let host: LuaHost
    let state: RunState
    private var compiled: [Int64: LuaScript] = [:]

    init(host: LuaHost, state: RunState) {
        self.host = host
        self.state = state
    }

    /// The proposal for a claim, or nil when no `benefit` rule is in force.
    func proposal(_ db: DatabaseConnection, claim: ClaimDetail, computed: BenefitBreakdown, on date: CivilDate) throws -> TopUpProposal? {
        guard let version = try state.ruleVersion(Self.ruleName, on: date) else { return nil }
        let script = try script(for: version)
        state.notes = []
        state.ruleDepth += 1
        defer { state.ruleDepth -= 1 }
        let (results, line) = try script.callRecordingReturnLine("benefit", [Records.claim(claim), Self.computed(computed)])
        let place = line.map { "\(script.name):\($0): " } ?? "\(script.name): "
        let amount: Int64
        switch results.first ?? .nil {
        case .integer(let i): amount = i
        case .number(let d) where !d.isFinite:
            throw ScriptingError(place + "benefit() returned \(LuaValue.format(number: d)), not a number of fen")
        case .number(let d):
            guard let whole = LuaValue.number(d).integerValue else {
                if d.rounded() == d { throw ScriptingError(place + "benefit() returned \(LuaValue.format(number: d)), too large for fen") }
                throw ScriptingError(place + "benefit() returned \(LuaValue.format(number: d)), not a whole number of fen (use huzhu.round or huzhu.share)")
            }
            amount = whole
        case let other:
            throw ScriptingError(place + "benefit() returned \(other.typeName), expected an integer number of fen")
        }
        guard amount >= 0 else { throw ScriptingError(place + "benefit() returned \(amount), a negative amount") }
        return TopUpProposal(amount: Money(fen: amount), ruleName: script.name, ruleSHA256: version.sha256,
                             note: state.notes.isEmpty ? nil : state.notes.joined(separator: "; "))
    }

    /// What the core computed, as the rule's second argument (fen).
    static func computed(_ b: BenefitBreakdown) -> LuaValue {
        .table([
            "amount": .integer(b.amount.fen), "base": .integer(b.base.fen), "deductible": .integer(b.deductible.fen),
            "ratio": .integer(Int64(b.paymentRatio)), "before_caps": .integer(b.beforeCaps.fen),
            "per_claim_cap": b.perClaimCap.map { .integer($0.fen) } ?? .nil, "per_term_cap": b.perTermCap.map { .integer($0.fen) } ?? .nil,
            "used_in_term": .integer(b.usedInTerm.fen), "in_waiting_period": .boolean(b.inWaitingPeriod),
            "shares": .integer(Int64(b.shares)),
        ])
    }

    private func script(for version: RuleVersion) throws -> LuaScript {
        if let cached = compiled[version.id!] { return cached }
        let script = try host.compile(version.text, name: "rules/\(version.name).lua", in: try host.makeEnvironment())
        try script.run()
        guard script.defines(function: "benefit") else {
            throw ScriptingError("rules/\(version.name).lua (version \(version.shortHash)) does not define function benefit(claim, computed)")
        }
        compiled[version.id!] = script
        return script
    }
}
