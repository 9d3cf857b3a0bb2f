import GRDB

/// Every policy's split adds up to its contribution and no share is
/// negative (the table's CHECK says so; this proves it of the rows stored).
struct SplitCheck: DoctorCheck {
    let name = "splits"
    let summary = "every policy's split adds up to its contribution"

    func run(_ db: Database, _ environment: DoctorEnvironment, into findings: inout DoctorFindings) throws {
        try DoctorStore.badSplits(db) { id, contributionFen, administration, union, member in
            let contribution = Money(fen: contributionFen)
            let parts = [("administration", Money(fen: administration)), ("union", Money(fen: union)),
                         ("member", Money(fen: member))]
            let sum = Money(fen: parts.reduce(0) { $0 + $1.1.fen })
            var what: [String] = []
            if sum != contribution {
                what.append(parts.map { "\($0.0) \($0.1)" }.joined(separator: " + ")
                            + " = \(sum), contribution \(contribution) (differs by \(Money(fen: sum.fen - contribution.fen)))")
            }
            for (payer, amount) in parts where amount.isNegative { what.append("\(payer) \(amount) is negative") }
            findings.add("policy \(id): " + what.joined(separator: "; "))
        }
    }
}
