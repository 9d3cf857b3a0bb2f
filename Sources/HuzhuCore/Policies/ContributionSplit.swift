/// Who pays a policy's contribution: "the administration gives a little,
/// the union raises a little, the employee pays a little"
/// (行政支持一点、工会筹措一点、职工拿一点).
///
/// The parts are non-negative fen and must add up to the contribution;
/// ``EnrollmentService`` refuses a split that does not (E507, E508).
///
/// ```swift
/// ContributionSplit(administration: Money(fen: 1000), union: Money(fen: 1000), member: Money(fen: 600))
/// ContributionSplit.memberPays(Money(fen: 2600))   // 0 + 0 + 2600
/// ```
public struct ContributionSplit: Hashable, Sendable, Codable {
    /// Paid by the employer's administration.
    public var administration: Money
    /// Paid by the union.
    public var union: Money
    /// Paid by the member.
    public var member: Money

    /// Creates a split.
    public init(administration: Money, union: Money, member: Money) {
        self.administration = administration
        self.union = union
        self.member = member
    }

    /// The member pays everything (the default until a subsidy rule says otherwise).
    public static func memberPays(_ contribution: Money) -> ContributionSplit {
        ContributionSplit(administration: .zero, union: .zero, member: contribution)
    }

    /// The failures of this split against a contribution: negative parts
    /// (E508, one per part) and a sum that differs (E507).
    ///
    /// - Parameters:
    ///   - contribution: What the parts must add up to.
    ///   - subject: What the failures are about.
    /// - Returns: The failures, empty if the split is good.
    public func failures(against contribution: Money, subject: ValidationFailure.Subject?) -> [ValidationFailure] {
        var failures: [ValidationFailure] = []
        for (name, part) in [("administration", administration), ("union", union), ("member", member)] where part.fen < 0 {
            failures.append(ValidationFailure(.splitNegative, field: "split.\(name)", value: .plain(part.description),
                                              subject: subject, ["part": name, "amount": part.description]))
        }
        let (partial, o1) = administration.fen.addingReportingOverflow(union.fen)
        let (sum, o2) = partial.addingReportingOverflow(member.fen)
        if o1 || o2 || sum != contribution.fen {
            failures.append(ValidationFailure(
                .splitSumMismatch, field: "split", subject: subject,
                ["administration": administration.description, "union": union.description, "member": member.description,
                 "sum": (o1 || o2) ? "overflow" : Money(fen: sum).description, "contribution": contribution.description]))
        }
        return failures
    }
}
