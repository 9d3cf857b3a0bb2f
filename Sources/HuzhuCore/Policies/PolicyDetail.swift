import GRDB

/// A policy with what a reader needs beside it: the member's resident ID
/// and the term's label. The Lua layer and exports read these.
public struct PolicyDetail: Hashable, Sendable {
    /// The policy.
    public var policy: Policy
    /// The member's resident ID.
    public var residentID: ResidentID
    /// The term's label, e.g. `"2012"`.
    public var termLabel: String

    /// Creates a detail.
    public init(policy: Policy, residentID: ResidentID, termLabel: String) {
        self.policy = policy
        self.residentID = residentID
        self.termLabel = termLabel
    }
}

extension PolicyDetail: FetchableRecord {
    /// Reads a policy row joined with `residentID` and `termLabel` columns.
    public init(row: Row) throws {
        policy = try Policy(row: row)
        residentID = row["residentID"]
        termLabel = row["termLabel"]
    }
}
