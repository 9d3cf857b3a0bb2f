import GRDB

/// The books: ``LedgerService/check(_:detailLimit:)`` — every entry
/// balances, each account agrees with the policies and the paid claims,
/// and each policy and paid claim is posted exactly.
struct LedgerAgreementCheck: DoctorCheck {
    let name = "ledger"
    let summary = "the books balance and agree with the policies and the claims"

    func run(_ db: Database, _ environment: DoctorEnvironment, into findings: inout DoctorFindings) throws {
        let report = try LedgerService().check(db, detailLimit: environment.detailLimit)
        for discrepancy in report.discrepancies { findings.add(discrepancy.description) }
        findings.addUnlisted(report.omitted)
    }
}
