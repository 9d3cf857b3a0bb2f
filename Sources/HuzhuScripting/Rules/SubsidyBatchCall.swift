import HuzhuCore
import LuaHost

/// Calls a subsidy rule for many policies cheaply (``LuaSubsidyFormula``
/// while it decides a batch, e.g. `huzhu rules apply`).
///
/// The plain call builds `e` as nested Swift dictionaries, pushes them and
/// converts the result table back — most of the cost of one decision. Here
/// a small Lua function in the rule's own environment takes the inputs as
/// plain arguments, builds the same `e` (docs/lua-api.md, "Subsidy rules")
/// in Lua, calls `subsidy(e)` and hands back the three parts when the result
/// is a table of exactly `administration`, `union` and `member`, all
/// integers. Anything else comes back as nothing, and the caller asks the
/// rule again the plain way so that the error is exactly the plain call's.
/// A unit's chain crosses once per batch; dates are formatted once.
final class SubsidyBatchCall {
    static let function = "_huzhu_subsidy_batch"
    static let source = """
        local type, mtype, next = type, math.type, next
        local chains = {}
        function \(function)(plan, kind, term, year, shares, contribution, start, finish, resident_id, name,
                             hardship, gender, age, unit, chain, date, budget_unit, budget_year, amount, used)
          if chain then chains[unit] = chain end
          local units, copy = chains[unit], {}
          for i = 1, #units do copy[i] = units[i] end
          local e = {
            policy = {plan = plan, plan_kind = kind, term = term, year = year, shares = shares,
                      contribution = contribution, start = start, ["end"] = finish},
            member = {resident_id = resident_id, name = name, hardship = hardship, gender = gender, age = age,
                      unit = unit, units = copy},
            date = date,
          }
          if budget_unit then
            e.budget = {unit = budget_unit, year = budget_year, amount = amount, used = used, remaining = amount - used}
          end
          local r = subsidy(e)
          if type(r) ~= "table" then return nil end
          local a, u, m = r.administration, r.union, r.member
          if mtype(a) ~= "integer" or mtype(u) ~= "integer" or mtype(m) ~= "integer" then return nil end
          local n = 0
          for _ in next, r do n = n + 1 end
          if n ~= 3 then return nil end
          return a, u, m
        end
        """

    private let script: LuaScript
    private let adapter: LuaScript
    private var chainsSent: Set<String> = []
    private var dates: [CivilDate: String] = [:]

    /// Defines the batch function in `script`'s environment (after the rule ran).
    init(script: LuaScript) throws {
        self.script = script
        adapter = try script.host.compile(Self.source, name: "=subsidy batch", in: script.environment)
        try adapter.run()
    }

    /// Starts a batch: each unit's chain is sent again with its first policy
    /// (a unit may have moved since the last batch of the run).
    func startBatch() {
        chainsSent.removeAll(keepingCapacity: true)
    }

    /// The split the rule proposes, or nil when its result needs the plain call's checking.
    func decide(_ i: SubsidyInput) throws -> ContributionSplit? {
        var chain = LuaValue.nil
        if chainsSent.insert(i.member.unitCode).inserted { chain = .array(i.unitChain.map(LuaValue.string)) }
        let results = try script.call(Self.function, [
            .string(i.plan.code), .string(i.plan.kind.rawValue), .string(i.term.label), .integer(Int64(i.term.year)),
            .integer(Int64(i.shares)), .integer(i.contribution.fen), .string(text(i.start)), .string(text(i.end)),
            .string(i.member.residentID.value), .string(i.member.name), .boolean(i.member.hardship),
            .string(i.member.gender == .male ? "male" : "female"), .integer(Int64(i.ageAtStart)), .string(i.member.unitCode),
            chain, .string(text(i.decidedOn)),
            i.budget.map { .string($0.unitCode) } ?? .nil, i.budget.map { .integer(Int64($0.year)) } ?? .nil,
            i.budget.map { .integer($0.amount.fen) } ?? .nil, i.budget.map { .integer($0.used.fen) } ?? .nil,
        ])
        guard results.count == 3, case .integer(let a) = results[0], case .integer(let u) = results[1],
              case .integer(let m) = results[2] else { return nil }
        return ContributionSplit(administration: Money(fen: a), union: Money(fen: u), member: Money(fen: m))
    }

    private func text(_ date: CivilDate) -> String {
        if let known = dates[date] { return known }
        let text = date.description
        dates[date] = text
        return text
    }
}
