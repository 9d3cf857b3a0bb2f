import Foundation
import GRDB

/// Imports the claims an office collects in a spreadsheet (报案登记表)
/// through ``ClaimService/report(_:_:context:)``, so every check of a
/// report applies, with the same reason codes and audit rows.
///
/// Columns (see ``ImportSchemas/claims``): the policy by id (`policy`), or
/// the member and plan (`resident_id`, `plan`); `kind` (English or
/// Chinese: 意外伤害 …), `incident_date`, `admission_date`,
/// `discharge_date`, `settlement_date`, `total`, `insurance_paid`,
/// `self_paid` in yuan (`self_paid` defaults to total − insurance paid),
/// `documents` (names in English or Chinese separated by `;`, `；`, `、`
/// or `|`), `diagnosis`, `benefit_item`, `reported_on` (default today) and
/// `note`. The same member, plan, kind and incident date twice in one file
/// is refused on the second line (E803). Atomic by default, as
/// ``MemberImporter``; with `skipInvalid` the valid rows are reported and
/// the others written to the rejects file.
public struct ClaimImporter: CSVImporter {
    /// The subtree whose policies may be claimed under.
    public let scope: Scope
    /// Atomic or skipping, encoding, masking.
    public var options: ImportOptions

    /// Creates an importer.
    public init(scope: Scope = .everything, options: ImportOptions = ImportOptions()) {
        self.scope = scope
        self.options = options
    }

    /// The characters that separate document names in a cell.
    static let documentSeparators: Set<Character> = [";", "；", "、", "|", ",", "，"]

    /// Imports a file inside the caller's transaction (as a savepoint).
    @discardableResult
    public func importFile(_ url: URL, into db: Database, context: WriteContext,
                           progress: ((CSVProgress) -> Void)? = nil) throws -> ImportReport {
        let session = try ImportSession(url: url, kind: .claims, options: options, progress: progress)
        return try ImportRun.run(session, db: db, operation: "importClaims", table: "claim", context: context) {
            try importRows(session, db: db, context: context)
            return nil
        }
    }

    private func importRows(_ session: ImportSession, db: Database, context: WriteContext) throws {
        let service = ClaimService(scope: scope)
        var firstLine: [String: Int] = [:]
        while let record = try session.next() {
            var errors = session.recordErrors(record)
            guard errors.isEmpty else { try session.reject(record, errors); continue }
            func cell(_ field: String) -> String { session.value(record, field) ?? "" }
            func parse<T>(_ field: String, required: Bool = false, _ body: (String) throws -> T) -> T? {
                let text = cell(field)
                guard !text.isEmpty else {
                    if required { errors.append(session.required(field, in: record)) }
                    return nil
                }
                do { return try body(text) } catch let failure as ValidationFailure {
                    errors.append(session.error(failure, in: record))
                } catch {
                    errors.append(session.error(ValidationFailure(.amountInvalid, field: field, value: .plain(text), ["text": text]),
                                                in: record))
                }
                return nil
            }
            let policy = parse("policy") { try ImportValues.integer($0, field: "policy") }
            let residentID = cell("resident_id"), plan = cell("plan")
            if policy == nil, cell("policy").isEmpty {
                if residentID.isEmpty { errors.append(session.required("resident_id", in: record)) }
                if plan.isEmpty { errors.append(session.required("plan", in: record)) }
            }
            let kind = parse("kind", required: true) { try ClaimKind(parsing: $0, field: "kind") }
            let incident = parse("incident_date", required: true) { try ImportValues.date($0, field: "incident_date") }
            let admission = parse("admission_date") { try ImportValues.date($0, field: "admission_date") }
            let discharge = parse("discharge_date") { try ImportValues.date($0, field: "discharge_date") }
            let settlement = parse("settlement_date") { try ImportValues.date($0, field: "settlement_date") }
            let reportedOn = parse("reported_on") { try ImportValues.date($0, field: "reported_on") }
            let total = parse("total") { try ImportValues.money($0, field: "total") } ?? .zero
            let insurance = parse("insurance_paid") { try ImportValues.money($0, field: "insurance_paid") } ?? .zero
            let selfPaid = parse("self_paid") { try ImportValues.money($0, field: "self_paid") } ?? Money(fen: total.fen - insurance.fen)
            let documents = parse("documents") { text in
                try text.split(whereSeparator: { Self.documentSeparators.contains($0) })
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    .map { try ClaimDocument(parsing: $0, field: "documents") }
            } ?? []
            if let kind, let incident {
                let who = policy.map { "policy \($0)" } ?? "\(session.mask(residentID, field: "resident_id")) \(plan)"
                let key = (policy.map { "#\($0)" } ?? "\(residentID)/\(plan)") + "/\(kind.rawValue)/\(incident)"
                if let first = firstLine[key] {
                    errors.append(session.duplicate("incident_date", key: "claim of \(who) \(kind.rawValue) \(incident)",
                                                    firstLine: first, in: record))
                } else {
                    firstLine[key] = record.line
                }
            }
            if errors.isEmpty, let kind, let incident {
                var report = policy.map { ClaimReport(policyID: Int64($0), kind: kind, incidentDate: incident) }
                    ?? ClaimReport(residentID: residentID, planCode: plan, kind: kind, incidentDate: incident)
                report.admissionDate = admission
                report.dischargeDate = discharge
                report.settlementDate = settlement
                report.diagnosis = cell("diagnosis").isEmpty ? nil : cell("diagnosis")
                report.benefitItemCode = cell("benefit_item").isEmpty ? nil : cell("benefit_item")
                report.expenses = ClaimExpenses(total: total, insurancePaid: insurance, selfPaid: selfPaid)
                report.documents = documents
                report.reportedOn = reportedOn
                report.note = cell("note").isEmpty ? nil : cell("note")
                do {
                    try db.inSavepoint {
                        try service.report(db, report, context: context)
                        return .commit
                    }
                    session.imported()
                } catch let error as ValidationError {
                    errors += session.errors(error, in: record)
                }
            }
            if !errors.isEmpty { try session.reject(record, errors) }
        }
    }
}
