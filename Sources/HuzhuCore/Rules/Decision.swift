import GRDB

/// What a rule decided for one subject (a policy's split, a claim's top-up…),
/// with the inputs it saw, the version that decided and its notes.
public struct Decision: Hashable, Sendable, Codable, FetchableRecord {
    public var id: Int64
    public var kind: String
    public var ruleName: String?
    public var ruleVersionID: Int64?
    public var subjectTable: String
    public var subjectID: Int64
    public var decidedOn: String
    /// JSON object of the inputs.
    public var inputs: String
    /// JSON object of the outputs.
    public var outputs: String
    /// JSON array of the notes.
    public var notes: String
    public var operatorName: String

    enum CodingKeys: String, CodingKey {
        case id, kind, ruleName, ruleVersionID, subjectTable, subjectID, decidedOn, inputs, outputs, notes
        case operatorName = "operator"
    }

    public static let databaseTableName = "decision"
}

/// Reading decisions.
public struct DecisionService: Sendable {
    public init() {}

    /// The decisions about one subject, oldest first.
    public func decisions(_ db: Database, subjectTable: String, subjectID: Int64) throws -> [Decision] {
        try RuleStore.decisions(db, subjectTable: subjectTable, subjectID: subjectID)
    }

    /// Money moved by the policies a run wrote (id above `after`), for a dry run's summary.
    public func policyTotals(_ db: Database, afterPolicyID after: Int64) throws -> (count: Int, contribution: Money, administration: Money, union: Money, member: Money) {
        try RuleStore.policyTotals(db, afterPolicyID: after)
    }

    /// The policies of a programme year whose split a subsidy rule version decided, in id order
    /// (what `huzhu rules replay` decides again with a candidate rule).
    public func policiesDecidedBySubsidyRule(_ db: Database, year: Int) throws -> [Int64] {
        try RuleStore.policiesDecidedBySubsidyRule(db, year: year)
    }

    /// The highest policy id so far (0 when none).
    public func lastPolicyID(_ db: Database) throws -> Int64 {
        try RuleStore.lastPolicyID(db)
    }
}
