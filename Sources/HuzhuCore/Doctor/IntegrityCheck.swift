import GRDB

/// SQLite's own `PRAGMA integrity_check`: pages, indexes, NOT NULL and
/// CHECK constraints. Each line SQLite reports is a problem.
struct IntegrityCheck: DoctorCheck {
    let name = "integrity"
    let summary = "PRAGMA integrity_check"

    func run(_ db: Database, _ environment: DoctorEnvironment, into findings: inout DoctorFindings) throws {
        let lines = try DoctorStore.integrityCheck(db, limit: max(environment.detailLimit, 1) + 1)
        guard lines != ["ok"] else { return }
        for line in lines { findings.add(line) }
    }
}
