/// One member's enrollment, as a clerk, a CSV row or a script asks for it.
///
/// ```swift
/// EnrollmentRequest(residentID: "11010519491231002X", planCode: "ACC", shares: 2)
/// ```
public struct EnrollmentRequest: Hashable, Sendable {
    /// The member's resident ID as written.
    public var residentID: String
    /// The plan's code.
    public var planCode: String
    /// The term's label; `nil` for the term open on the enrollment day
    /// (the one covering it, else the next to start).
    public var termLabel: String?
    /// Shares, 1 to the plan's maximum.
    public var shares: Int
    /// Who pays; `nil` for the member paying everything.
    public var split: ContributionSplit?

    /// Creates a request.
    public init(residentID: String, planCode: String, termLabel: String? = nil, shares: Int = 1,
                split: ContributionSplit? = nil) {
        self.residentID = residentID
        self.planCode = planCode
        self.termLabel = termLabel
        self.shares = shares
        self.split = split
    }
}

/// A unit's group enrollment in a plan term.
///
/// ```swift
/// GroupEnrollmentRequest(unitCode: "BH001", planCode: "ACC")
/// ```
public struct GroupEnrollmentRequest: Hashable, Sendable {
    /// The unit whose own active members are enrolled (not its subtree).
    public var unitCode: String
    /// The plan's code.
    public var planCode: String
    /// The term's label; `nil` for the term open on the enrollment day.
    public var termLabel: String?
    /// Shares for every member.
    public var shares: Int

    /// Creates a request.
    public init(unitCode: String, planCode: String, termLabel: String? = nil, shares: Int = 1) {
        self.unitCode = unitCode
        self.planCode = planCode
        self.termLabel = termLabel
        self.shares = shares
    }
}

/// What a group enrollment did.
public struct GroupEnrollmentResult: Hashable, Sendable {
    /// The stored batch.
    public var batch: EnrollmentBatch
    /// The policies created.
    public var policies: [Policy]
    /// Members left out, one failure each (age, gender, exclusive plan …).
    public var skipped: [ValidationFailure]
}
