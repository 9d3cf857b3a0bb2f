/// One transaction as the layers above the core hold it: the connection,
/// the services of the run's scope, and the rule versions in force, read
/// once when the transaction opened — so every decision of the run (a
/// policy's split, a claim's top-up, an appraisal's score) and the version
/// it records agree, whatever another process activates meanwhile.
///
/// Only ``HuzhuDatabase/write(_:scope:hooks:_:)`` and
/// ``HuzhuDatabase/read(scope:hooks:_:)`` make one, and it is valid only
/// inside their body.
///
/// ```swift
/// let summary = try database.write(dryRun ? .dryRun : .commit, hooks: rules) { session in
///     try session.services.enrollment.enrollUnit(session.connection, request, context: context)
/// }
/// ```
public final class Session {
    /// The open transaction's connection, for the services' functions.
    public let connection: DatabaseConnection
    /// The services of the scope, enrolments splitting with the hooks' subsidy formula.
    public let services: Services
    /// The rule versions in force, read once at the start.
    public let rules: RulesInForce
    /// How the transaction ends (a read is `.dryRun`: nothing it did could stay).
    public let mode: HuzhuDatabase.WriteMode

    init(connection: DatabaseConnection, services: Services, rules: RulesInForce, mode: HuzhuDatabase.WriteMode) {
        self.connection = connection
        self.services = services
        self.rules = rules
        self.mode = mode
    }
}

/// The rules a union scripts (subsidy, benefit top-up, appraisal), as the
/// door hands them a transaction. `HuzhuScripting` implements it in Lua; the
/// core knows nothing of Lua.
public protocol RuleHooks: AnyObject {
    /// The formula the session's enrolments split contributions with (nil: members pay all).
    var subsidyFormula: (any SubsidyFormula)? { get }
    /// Called once the transaction is open and the rule versions read, before the body runs.
    func begin(_ session: Session)
    /// Called after the body, whether it returned or threw.
    func end()
}

/// The versions of every rule, read once for a run: which is in force on a date.
public struct RulesInForce: Sendable {
    /// Each rule's versions, the latest to take effect first (the last registered first on a tie).
    private let byName: [String: [RuleVersion]]

    init(_ versions: [RuleVersion]) {
        byName = Dictionary(grouping: versions, by: \.name).mapValues {
            $0.sorted { ($0.effectiveFrom, $0.id ?? 0) > ($1.effectiveFrom, $1.id ?? 0) }
        }
    }

    /// The version of `name` in force on `date`: the latest to take effect by then (the last registered on a tie).
    public func version(_ name: String, on date: CivilDate) -> RuleVersion? {
        byName[name]?.first { $0.effectiveFrom <= date }
    }
}
