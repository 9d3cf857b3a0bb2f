/// The checks of a claim report that need no database — the report not
/// after today, dates in order and not after the report, the policy's
/// status, the kinds the plan covers, hospital dates or the benefit item,
/// the incident inside the cover — and the claim a checked report makes.
/// Shared by ``ClaimService`` and the demo's bulk writer, so both refuse
/// and record alike.
enum ClaimReportChecks {
    static func dates(_ report: ClaimReport, reportedOn: CivilDate, today: CivilDate, subject: ValidationFailure.Subject?,
                      into failures: inout FailureCollector) {
        if reportedOn > today {
            failures.add(.dateInFuture, field: "reportedOn", value: .plain(reportedOn.description), subject: subject,
                         ["date": reportedOn.description, "today": today.description])
        }
        let dates: [(String, CivilDate?)] = [("incidentDate", report.incidentDate), ("admissionDate", report.admissionDate),
                                            ("dischargeDate", report.dischargeDate), ("settlementDate", report.settlementDate)]
        for case let (field, date?) in dates where date > reportedOn {
            failures.add(.claimDateAfterReport, field: field, value: .plain(date.description), subject: subject,
                         ["field": field, "date": date.description, "reported": reportedOn.description])
        }
        func order(_ later: (String, CivilDate?), after earlier: (String, CivilDate?)) {
            guard let laterDate = later.1, let earlierDate = earlier.1, laterDate < earlierDate else { return }
            failures.add(.claimDateOrder, field: later.0, value: .plain(laterDate.description), subject: subject,
                         ["field": later.0, "date": laterDate.description, "other": earlier.0,
                          "otherDate": earlierDate.description])
        }
        order(dates[2], after: dates[1])
        order(dates[2], after: dates[0])
        order(dates[3], after: dates[2])
    }

    static func check(_ report: ClaimReport, policy: Policy, plan: Plan, into failures: inout FailureCollector) throws {
        let subject = ValidationFailure.Subject.policy(policy.id!)
        // A cancelled policy keeps its claims up to its last covered day.
        if policy.status == .cancelled, policy.cancelledOn.map({ report.incidentDate > $0 }) ?? true {
            failures.add(.ineligible, field: "policy", subject: subject,
                         ["policy": String(policy.id!),
                          "status": policy.cancelledOn.map { "cancelled from \($0.adding(days: 1))" } ?? policy.status.rawValue])
        }
        let kinds = ClaimKind.accepted(by: plan.kind)
        if !kinds.contains(report.kind) {
            failures.add(.claimKindNotCovered, field: "kind", value: .plain(report.kind.rawValue), subject: subject,
                         ["plan": plan.code, "planKind": plan.kind.rawValue, "kind": report.kind.rawValue,
                          "kinds": kinds.map(\.rawValue).joined(separator: ", ")])
        }
        if plan.benefits.isEmpty {
            if [.illness, .accident].contains(report.kind), report.admissionDate == nil || report.dischargeDate == nil {
                failures.add(.hospitalDatesRequired, field: report.admissionDate == nil ? "admissionDate" : "dischargeDate",
                             subject: subject, ["kind": report.kind.rawValue, "plan": plan.code])
            }
            if let item = report.benefitItemCode {
                failures.add(.benefitItemUnknown, field: "benefitItem", value: .plain(item), subject: subject,
                             ["plan": plan.code, "item": item])
            }
        } else {
            _ = try failures.capture(field: "benefitItem") { () throws -> BenefitItem in
                do {
                    return try BenefitCalculator.benefitItem(of: plan, code: report.benefitItemCode)
                } catch let error as ValidationError {
                    throw ValidationError(error.failures.map { $0.about(subject) })
                }
            }
        }
        if report.incidentDate < policy.startDate || policy.endDate < report.incidentDate {
            failures.add(.notCovered, field: "incidentDate", value: .plain(report.incidentDate.description), subject: subject,
                         ["date": report.incidentDate.description, "policy": String(policy.id!),
                          "start": policy.startDate.description, "end": policy.endDate.description])
        }
    }

    /// The claim a checked report makes: the report's facts, the report
    /// deadline (discharge, else incident, + the plan's report window; a
    /// later report is flagged) and the lapse date (settlement, else
    /// discharge, else incident, + the lapse window), status reported.
    static func claim(_ report: ClaimReport, id: Int64?, policyID: Int64, policy: Policy, plan: Plan,
                      reportedOn: CivilDate, context: WriteContext) -> Claim {
        let reportFrom = report.dischargeDate ?? report.incidentDate
        let lapseFrom = report.settlementDate ?? report.dischargeDate ?? report.incidentDate
        let reportDeadline = reportFrom.adding(days: plan.reportWindowDays)
        return Claim(
            id: id, policyID: policyID, memberID: policy.memberID, planCode: policy.planCode,
            planTermID: policy.planTermID, unitCode: policy.unitCode, kind: report.kind, incidentDate: report.incidentDate,
            admissionDate: report.admissionDate, dischargeDate: report.dischargeDate, settlementDate: report.settlementDate,
            diagnosis: report.diagnosis, benefitItemCode: report.benefitItemCode, totalExpense: report.expenses.total,
            insurancePaid: report.expenses.insurancePaid, selfPaid: report.expenses.selfPaid, reportedOn: reportedOn,
            reportDeadline: reportDeadline, lateReport: reportedOn > reportDeadline,
            lapseDate: lapseFrom.adding(days: plan.lapseWindowDays),
            status: .reported, statusSince: reportedOn, approvedAmount: nil, rejectionReason: nil,
            operatorName: context.operatorName, scriptName: context.scriptName, scriptSHA256: context.scriptSHA256)
    }
}
