/// A value of a plan's or a term's field as it comes from plans.toml or a
/// Lua table, before it is checked: numbers keep their text so that money
/// in yuan is read exactly (`36.00`, never a binary fraction).
public enum PlanFieldValue: Hashable, Sendable {
    case integer(Int64)
    /// A number with a fraction, as written (or, from Lua, as Lua prints it).
    case decimal(String)
    case text(String)
    case boolean(Bool)
    case date(CivilDate)
    case list([PlanFieldValue])
    case table([String: PlanFieldValue])

    /// What the value is, for an error: `a number 36.5`, `the text "abc"`.
    var shown: String {
        switch self {
        case .integer(let n): return "the number \(n)"
        case .decimal(let text): return "the number \(text)"
        case .text(let text): return "the text \"\(text)\""
        case .boolean(let b): return b ? "true" : "false"
        case .date(let date): return "the date \(date)"
        case .list: return "a list"
        case .table: return "a table"
        }
    }
}

/// A plan and the terms to have, as plans.toml or `huzhu.plans.define` /
/// `add_term` give them, checked field by field (not yet against the database).
public struct PlanDefinition: Hashable, Sendable {
    /// The plan's identity (its `rules` are unused: they belong to the terms).
    public var plan: Plan
    /// Its terms, in the order given.
    public var terms: [TermDefinition]

    public init(plan: Plan, terms: [TermDefinition]) {
        self.plan = plan
        self.terms = terms
    }
}

/// One term to have: label, dates and its whole rules (a `like` already resolved).
public struct TermDefinition: Hashable, Sendable {
    public var label: String
    public var start: CivilDate
    public var end: CivilDate
    public var rules: PlanRules

    public init(label: String, start: CivilDate, end: CivilDate, rules: PlanRules) {
        self.label = label
        self.start = start
        self.end = end
        self.rules = rules
    }
}
