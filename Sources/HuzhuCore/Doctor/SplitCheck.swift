import GRDB

/// Every policy's split adds up to its contribution and no share is
/// negative (the table's CHECK says so; this proves it of the rows stored).
struct SplitCheck: DoctorCheck {
    let name = "splits"
    let summary = "every policy's split adds up to its contribution"

    func run(_ db: Database, _ environment: DoctorEnvironment, into findings: inout DoctorFindings) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, contribution, splitAdministration, splitUnion, splitMember FROM policy
            WHERE splitAdministration + splitUnion + splitMember != contribution
               OR splitAdministration < 0 OR splitUnion < 0 OR splitMember < 0
            ORDER BY id
            """)
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let contribution = Money(fen: row[1])
            let parts = [("administration", Money(fen: row[2])), ("union", Money(fen: row[3])), ("member", Money(fen: row[4]))]
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
