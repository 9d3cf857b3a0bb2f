import GRDB

/// Where a claim stands in its review (the state machine).
///
/// ```
/// reported ──beginReview──▶ underReview ──approve──▶ approved ──pay──▶ paid
///                               ▲  │                    │
///                               │  └──reject──▶ rejected │
///                               └──────reopen───────┴────┘
/// ```
///
/// No step is skipped, a paid claim is final (paid once), and reopening a
/// rejected or approved-but-unpaid claim opens a new review round.
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
    /// rejected or approved → underReview (a new review round).
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
        case .reopen: return [.rejected, .approved]
        case .pay: return [.approved]
        case .recordDocuments: return [.reported, .underReview]
        }
    }

    /// The failure for attempting this step from a status it does not start from (E602).
    func refusal(from status: ClaimStatus, claimID: Int64) -> ValidationFailure {
        ValidationFailure(.claimTransition, field: "status", value: .plain(status.rawValue), subject: .claim(claimID),
                          ["action": rawValue, "status": status.rawValue,
                           "required": from.map(\.rawValue).joined(separator: " or ")])
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
