import Foundation
import GRDB

/// Imports policies (enrollments) from a CSV file through
/// ``EnrollmentService/enroll(_:_:context:)``, in one transaction.
///
/// Columns (see ``ImportSchemas/policies``): `resident_id,plan,shares` and
/// optionally `term` (the term's label; empty or absent means the plan's
/// term open on the business date). Each row is one enrollment, checked
/// for every rejection the service raises — unknown member (E305) or plan
/// (E419), out of scope (E250), no such or no open term (E424, E425), term
/// ended (E514), member not active (E501), shares (E502), already enrolled
/// (E503), exclusive plan held (E504), age (E505), gender (E506) — and
/// before that for a well-formed resident ID (E101–E107), empty cells
/// (E802), whole-number shares (E805) and the same member, plan and term on
/// an earlier line (E803). Rows are enrolled in file order, so a row sees
/// the enrollments of the rows above it (choosing CIA on line 3 and CIB on
/// line 7 refuses line 7, E504).
///
/// Every policy is audited by the service; the import adds its own audit
/// row (`importPolicies`). Atomic by default, as ``MemberImporter``.
public struct PolicyImporter: CSVImporter {
    /// The part of the tree whose members may be enrolled.
    public let scope: Scope
    /// Atomic or skipping, encoding, masking.
    public var options: ImportOptions
    /// The union's subsidy formula: imported policies are split by it, like any other enrollment.
    public var subsidy: (any SubsidyFormula)?

    /// Creates an importer.
    public init(scope: Scope = .everything, options: ImportOptions = ImportOptions(), subsidy: (any SubsidyFormula)? = nil) {
        self.scope = scope
        self.options = options
        self.subsidy = subsidy
    }


    /// Imports a file inside the caller's transaction (as a savepoint).
    ///
    /// - Returns: What was imported.
    /// - Throws: ``ImportFailure``, ``CSVError``/``CSVErrors``, or a database error.
    @discardableResult
    public func importFile(_ url: URL, into db: Database, context: WriteContext,
                           progress: ((CSVProgress) -> Void)? = nil) throws -> ImportReport {
        let session = try ImportSession(url: url, kind: .policies, options: options, progress: progress)
        return try ImportRun.run(session, db: db, operation: "importPolicies", table: "policy", context: context) {
            try importRows(session, db: db, context: context)
            return nil
        }
    }

    private func importRows(_ session: ImportSession, db: Database, context: WriteContext) throws {
        let enrollment = EnrollmentService(scope: scope, subsidy: subsidy)
        var firstLine: [String: Int] = [:]   // "resident ID|plan|term" → line
        while let record = try session.next() {
            var errors = session.recordErrors(record)
            guard errors.isEmpty else {
                try session.reject(record, errors)
                continue
            }
            func cell(_ field: String) -> String { session.value(record, field) ?? "" }
            var residentID: String?
            let idText = ImportValues.unwrapExcelText(cell("resident_id"))
            if idText.isEmpty {
                errors.append(session.required("resident_id", in: record))
            } else if let fast = FastResidentID.check(idText, today: context.today) {
                residentID = fast.value
            } else {
                do { residentID = try ResidentID(idText, today: context.today).value } catch let failure as ValidationFailure {
                    errors.append(session.error(failure, in: record))
                }
            }
            let plan = cell("plan")
            if plan.isEmpty { errors.append(session.required("plan", in: record)) }
            var shares: Int?
            let sharesText = cell("shares")
            if sharesText.isEmpty {
                errors.append(session.required("shares", in: record))
            } else {
                do { shares = try ImportValues.integer(sharesText, field: "shares") } catch let failure as ValidationFailure {
                    errors.append(session.error(failure, in: record))
                }
            }
            let term = cell("term")
            if let residentID, !plan.isEmpty {
                let key = residentID + "|" + plan + "|" + term
                if let first = firstLine[key] {
                    errors.append(session.duplicate("resident_id", key: "resident_id, plan and term", firstLine: first,
                                                    in: record))
                } else {
                    firstLine[key] = record.line
                }
            }
            if errors.isEmpty, let residentID, let shares {
                do {
                    try enrollment.enroll(db, EnrollmentRequest(residentID: residentID, planCode: plan,
                                                                termLabel: term.isEmpty ? nil : term, shares: shares),
                                          context: context)
                    session.imported()
                    continue
                } catch let error as ValidationError {
                    errors += session.errors(error, in: record)
                }
            }
            try session.reject(record, errors)
        }
    }
}
