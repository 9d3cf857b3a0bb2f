import GRDB

/// Where a claim stands in its review (the state machine).
///
/// ```
/// reported ──beginReview──▶ underReview ──approve──▶ approved ──pay──▶ paid
///                               ▲  │                    │              │
///                               │  └──reject──▶ rejected │              │
///                               └──────reopen───────┴────┴──────────────┘
/// ```
///
/// No step is skipped and a payment is never taken back: reopening (复核) a
/// rejected, approved or paid claim opens a new review round. When a claim
/// already paid is decided again, a higher amount leaves it approved for the
/// difference (paid as a further payment), an equal or lower one makes it
/// paid again at once, the lower difference recorded as owed back
/// (``ClaimAdjustment``); a rejection records everything paid as owed back.
public enum ClaimStatus: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// Reported (报案), waiting for the office to take it up.
    case reported
    /// Being reviewed (审核中).
    case underReview
    /// Approved for an amount (已核定), not yet paid.
    case approved
    /// Rejected with a coded reason (拒赔).
    case rejected
    /// Paid (已赔付): final.
    case paid

    /// The Chinese name.
    public var chinese: String {
        switch self {
        case .reported: return "已报案"
        case .underReview: return "审核中"
        case .approved: return "已核定"
        case .rejected: return "已拒赔"
        case .paid: return "已赔付"
        }
    }

    /// Whether nothing more is expected of the office (paid or rejected);
    /// ``ClaimService/overdue(_:days:asOf:)`` skips these.
    public var isSettled: Bool { self == .paid || self == .rejected }

    /// Whether a claim in this status counts against the plan's caps.
    public var countsAgainstCaps: Bool { self == .approved || self == .paid }

    /// Parses a status from its name (`underReview`, also `under_review`).
    ///
    /// - Throws: ``ValidationFailure`` E616.
    public init(parsing text: String, field: String = "status") throws {
        let normalized = text == "under_review" ? "underReview" : text
        guard let status = ClaimStatus(rawValue: normalized) else {
            throw ValidationFailure(.claimStatusInvalid, field: field, value: .plain(text),
                                    ["text": text, "expected": ClaimStatus.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        self = status
    }
}

/// A step of the claim state machine, as named in refusals (E602).
public enum ClaimAction: String, Hashable, Sendable, CaseIterable {
    /// reported → underReview.
    case beginReview = "begin review"
    /// underReview → approved.
    case approve
    /// underReview → rejected.
    case reject
    /// rejected, approved or paid → underReview (a new review round, 复核).
    case reopen
    /// approved → paid.
    case pay
    /// Documents may be recorded while reported or under review.
    case recordDocuments = "record documents"

    /// The statuses the step starts from.
    public var from: [ClaimStatus] {
        switch self {
        case .beginReview: return [.reported]
        case .approve, .reject: return [.underReview]
        case .reopen: return [.rejected, .approved, .paid]
        case .pay: return [.approved]
        case .recordDocuments: return [.reported, .underReview]
        }
    }

    /// `a`, `a or b`, `a, b or c`.
    static func either(_ names: [String]) -> String {
        names.count <= 2 ? names.joined(separator: " or ") : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// The failure for attempting this step from a status it does not start from (E602).
    func refusal(from status: ClaimStatus, claimID: Int64) -> ValidationFailure {
        ValidationFailure(.claimTransition, field: "status", value: .plain(status.rawValue), subject: .claim(claimID),
                          ["action": rawValue, "status": status.rawValue,
                           "required": Self.either(from.map(\.rawValue))])
    }
}

extension ValidationFailure.Subject {
    /// A claim, keyed by row id.
    public static func claim(_ id: Int64) -> ValidationFailure.Subject {
        ValidationFailure.Subject(kind: "claim", key: .plain(String(id)))
    }

    /// A policy, keyed by row id.
    public static func policy(_ id: Int64) -> ValidationFailure.Subject {
        ValidationFailure.Subject(kind: "policy", key: .plain(String(id)))
    }
}
