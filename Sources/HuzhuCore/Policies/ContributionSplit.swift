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

    /// Nothing from anyone.
    public static let zero = ContributionSplit(administration: .zero, union: .zero, member: .zero)

    /// The parts added up.
    public var total: Money { Money(fen: administration.fen + union.fen + member.fen) }

    /// An amount shared in proportion to this split's parts (exact fen,
    /// adding up: ``Money/split(total:weights:)``), e.g. a refund shared
    /// back to the payers in proportion to what each paid. A split of all
    /// zeros shares nothing.
    public func shared(_ amount: Money) -> ContributionSplit {
        guard amount.fen > 0, total.fen > 0,
              let parts = try? Money.split(total: amount.fen, weights: [administration.fen, union.fen, member.fen])
        else { return .zero }
        return ContributionSplit(administration: Money(fen: parts[0]), union: Money(fen: parts[1]), member: Money(fen: parts[2]))
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
