import Foundation
import HuzhuCore

// MARK: - Claims

extension DemoCity {
    /// The policies of one group-enrollment batch, as claims are drawn from them.
    struct EnrolledBatch {
        /// The plan.
        var plan: Plan
        /// The policies' cover start (the term start, or the late enrollment day).
        var start: CivilDate
        /// The policies' ids (consecutive).
        var policyIDs: ClosedRange<Int64>
    }

    /// A claim to make and the days of its steps; a step without a day is not taken (yet).
    struct ClaimScript {
        var report: ClaimReport
        /// The office handling it (the operator of its steps).
        var office: String
        /// A document missing at report, handed in on ``documentsOn`` (if set) or never.
        var missing: ClaimDocument?
        var beginOn: CivilDate?
        var documentsOn: CivilDate?
        var decision: ClaimDecision
        var decidedOn: CivilDate?
        var paidOn: CivilDate?
        var method: PaymentMethod
    }

    /// How often a policy with cover over the whole window until ``today``
    /// has a claim, per mille, by plan: hospital stays are the common claim.
    static let claimsPerMille = ["ACC": 15, "INP": 16, "FEM": 12, "CI": 15]
    /// The share of a plan's policies with a claim whose incident fell in the waiting period, per 10,000.
    static let waitingClaimsPerTenThousand = 20

    /// Draws the claims of one batch's policies.
    ///
    /// A policy has a claim with the plan's rate (``claimsPerMille``) scaled
    /// by the days it has been claimable (from cover start + waiting period
    /// to 3 days before ``today``), so late units have fewer. The incident
    /// day is uniform in that window; what follows depends on the plan:
    ///
    /// - INP: a hospital stay of 2–26 days after an illness (85%) or an
    ///   accident, the bill mostly 3,000–20,000 yuan (the member paying
    ///   25–45% of it), some up to 300,000 (then the per-claim cap of
    ///   50,000 pays), 3% small bills whose self-paid part stays under the
    ///   500.00 deductible (rejected E661); a quarter settled after discharge.
    /// - ACC: an injury with a stay (90%, 意外伤害住院), a disability assessed
    ///   after 20–90 days of treatment (7%), a death (3%).
    /// - FEM: a fibroid, one or both organs removed, a cancer (55 / 22 / 10 / 13),
    ///   with a surgical stay. CI: mild (60%) or severe, with a stay.
    ///
    /// Reports mostly come 1–10 days after discharge (12% later, flagged late).
    /// Outcomes: rejected for an incident in the waiting period (E652,
    /// 0.2% of the illness plans' policies), below the deductible (E661),
    /// an excluded cause (E659, drunk driving: 4% of accidents), not covered
    /// (E651, 2% of illness stays), documents never handed in (E657, 3%,
    /// decided after 30–45 days); the rest approved for the computed
    /// benefit and paid. 8% hand a document in after the report. The days
    /// from report to payout come from `payoutDays`, the office's pace for
    /// the union; review begins in the first fifth of them and the decision
    /// comes by three fifths. 4% of the claims reported 70 days or more
    /// before today stall (never taken up, under review, or approved and
    /// not paid), so they are overdue. Steps after ``today`` are not taken.
    static func claims(of batch: EnrolledBatch, office: String, payoutDays: ClosedRange<Int>,
                       random: inout SplitMix64) -> [ClaimScript] {
        let plan = batch.plan
        let waiting = plan.waitingPeriodDays
        let lastIncident = today.adding(days: -3)
        let coveredFrom = batch.start.adding(days: waiting)
        let window = coveredFrom <= lastIncident ? coveredFrom.days(until: lastIncident) + 1 : 0
        let fullWindow = termStart.adding(days: waiting).days(until: lastIncident) + 1
        let perMille = claimsPerMille[plan.code] ?? 0
        let waitingDays = waiting == 0 ? 0 : batch.start.days(until: min(coveredFrom.adding(days: -1), lastIncident)) + 1
        var scripts: [ClaimScript] = []
        for policyID in batch.policyIDs {
            let incident: CivilDate
            if window > 0, random.int(in: 0...(1_000 * fullWindow - 1)) < perMille * window {
                incident = coveredFrom.adding(days: random.int(in: 0...(window - 1)))
            } else if waitingDays > 0, random.int(in: 0...9_999) < waitingClaimsPerTenThousand {
                incident = batch.start.adding(days: random.int(in: 0...(waitingDays - 1)))
            } else {
                continue
            }
            var script = claim(policyID: policyID, plan: plan, incident: incident, office: office, random: &random)
            if incident < coveredFrom, script.rejection == nil {
                script.rejection = (.waitingPeriod, nil)
            }
            scripts.append(schedule(script, payoutDays: payoutDays, random: &random))
        }
        return scripts
    }

    /// A drawn claim before its steps are scheduled.
    struct DrawnClaim {
        var report: ClaimReport
        var office: String
        var rejection: (ClaimRejectionReason, String?)?
        var missing: ClaimDocument?
        var handedInLater = false
    }

    /// The report of one claim: kind, item, hospital dates, expenses, documents, report day.
    static func claim(policyID: Int64, plan: Plan, incident: CivilDate, office: String,
                      random: inout SplitMix64) -> DrawnClaim {
        var kind: ClaimKind
        var item: String?
        var stay: ClosedRange<Int>? = nil
        var treatment = 0...0               // days from incident to admission
        var rejection: (ClaimRejectionReason, String?)?
        var diagnosis: String
        switch plan.code {
        case "INP":
            kind = random.chance(perMille: 850) ? .illness : .accident
            stay = 2...26
            diagnosis = kind == .illness ? random.pick(DemoCity.illnesses) : random.pick(DemoCity.injuries)
        case "ACC":
            switch random.index(weightedBy: [900, 70, 30]) {
            case 0: (kind, item, stay) = (.accident, "injury", 1...15)
            case 1: (kind, item, stay) = (.disability, "disability", 20...90)
            default: (kind, item) = (.death, "death")
            }
            diagnosis = random.pick(DemoCity.injuries)
        case "FEM":
            kind = .femaleDisease
            let items = ["fibroid", "one", "both", "cancer"]
            item = items[random.index(weightedBy: [55, 22, 10, 13])]
            (stay, treatment) = (3...12, 0...10)
            diagnosis = item == "cancer" ? random.pick(["C50 乳腺恶性肿瘤", "C53 宫颈恶性肿瘤", "C56 卵巢恶性肿瘤"])
                : item == "fibroid" ? "D25 子宫平滑肌瘤" : random.pick(["D27 卵巢良性肿瘤", "N80 子宫内膜异位症"])
        default:
            kind = .criticalIllness
            item = random.chance(perMille: 600) ? "mild" : "severe"
            (stay, treatment) = (5...25, 0...5)
            diagnosis = random.pick(DemoCity.criticalIllnesses)
        }
        var report = ClaimReport(policyID: policyID, kind: kind, incidentDate: incident)
        report.benefitItemCode = item
        report.diagnosis = diagnosis
        // Hospital dates, none after the day before today.
        let lastDay = today.adding(days: -1)
        var settled = incident
        if let stay {
            let admission = min(incident.adding(days: random.int(in: treatment)), lastDay)
            let days = stay.lowerBound + (random.int(in: 0...(stay.count - 1)) + random.int(in: 0...(stay.count - 1))) / 2
            let discharge = min(admission.adding(days: days), lastDay)
            report.admissionDate = admission
            report.dischargeDate = discharge
            settled = discharge
            if plan.code == "INP", random.chance(perMille: 250) {
                let settlement = discharge.adding(days: random.int(in: 1...20))
                if settlement <= lastDay {
                    report.settlementDate = settlement
                    settled = settlement
                }
            }
        }
        // The bill: INP pays from it; the fixed-sum plans record it.
        if stay != nil {
            let roll = random.int(in: 0...999)
            let total: Int64
            var selfPaid: Int64
            if plan.code == "INP", roll < 30 {
                total = Int64(random.int(in: 60_000...150_000))
                selfPaid = Int64(random.int(in: 10_000...50_000))      // at most the 500.00 deductible
                rejection = (.belowDeductible, nil)
            } else {
                total = Int64(roll < 730 ? random.int(in: 300_000...2_000_000)
                              : roll < 960 ? random.int(in: 2_000_000...8_000_000) : random.int(in: 8_000_000...30_000_000))
                selfPaid = total * Int64(random.int(in: 250...450)) / 1_000
            }
            selfPaid = min(selfPaid, total)
            report.expenses = ClaimExpenses(total: Money(fen: total), insurancePaid: Money(fen: total - selfPaid),
                                            selfPaid: Money(fen: selfPaid))
        }
        // Reported 1–10 days after discharge or the incident; 12% later (flagged late).
        let lag = random.chance(perMille: 880) ? random.int(in: 1...10) : random.int(in: 11...45)
        report.reportedOn = min(settled.adding(days: kind == .death ? lag + 5 : lag), today)
        // The checklist, sometimes short of one paper.
        var documents = ClaimDocument.required(for: kind)
        var drawn = DrawnClaim(report: report, office: office, rejection: rejection)
        if rejection == nil {
            if [.accident, .death, .disability].contains(kind), random.chance(perMille: 40) {
                drawn.rejection = (.excludedCause, "酒后驾驶，属除外责任")
            } else if kind == .illness, random.chance(perMille: 20) {
                drawn.rejection = (.notCovered, "美容整形手术，不属于保障责任")
            }
        }
        let roll = random.int(in: 0...999)
        if roll < 110 {
            let missing = documents.remove(at: random.int(in: 3...(documents.count - 1)))   // not the form, ID or card
            drawn.missing = missing
            if roll < 30, drawn.rejection == nil {
                drawn.rejection = (.documentsMissing, "逾期未补交材料：" + missing.chinese)
            } else {
                drawn.handedInLater = true
            }
        }
        drawn.report.documents = documents
        return drawn
    }

    /// Schedules a drawn claim's review, decision and payment, and drops the steps after ``today``.
    static func schedule(_ drawn: DrawnClaim, payoutDays: ClosedRange<Int>, random: inout SplitMix64) -> ClaimScript {
        let reported = drawn.report.reportedOn!
        let days = random.int(in: payoutDays)
        let begin = reported.adding(days: random.int(in: 0...(days / 5)))
        var documents: CivilDate?
        if drawn.missing != nil, drawn.handedInLater {
            documents = begin.adding(days: random.int(in: 1...7))
        }
        var decided: CivilDate
        switch drawn.rejection?.0 {
        case .documentsMissing?:
            decided = begin.adding(days: random.int(in: 30...45))
        case _?:
            decided = begin.adding(days: random.int(in: 1...max(1, days / 2)))
        case nil:
            decided = begin.adding(days: random.int(in: 1...max(1, days * 3 / 5)))
        }
        if let documents { decided = max(decided, documents) }   // the paper comes in before the decision
        var paid: CivilDate? = drawn.rejection == nil ? max(reported.adding(days: days), decided) : nil
        var script = ClaimScript(
            report: drawn.report, office: drawn.office, missing: drawn.missing, beginOn: begin, documentsOn: documents,
            decision: drawn.rejection.map { .reject($0.0, note: $0.1) } ?? .approve(), decidedOn: decided, paidOn: paid,
            method: [.bankTransfer, .cash, .cheque][random.index(weightedBy: [920, 50, 30])])
        // A few reported 70 days or more before today stall, and have waited more than 30 days
        // at that step by today: never taken up, left under review, or approved and not paid.
        if random.chance(perMille: 40), reported <= today.adding(days: -70) {
            switch random.int(in: 0...2) {
            case 0: script.beginOn = nil
            case 1: script.decidedOn = nil
            default: if paid != nil { paid = nil } else { script.decidedOn = nil }
            }
            script.paidOn = paid
        }
        // Nothing happens after today, and no step without the one before it.
        if script.beginOn.map({ $0 > today }) ?? true { script.beginOn = nil }
        if script.beginOn == nil || script.documentsOn.map({ $0 > today }) == true { script.documentsOn = nil }
        if script.beginOn == nil || script.decidedOn.map({ $0 > today }) ?? true { script.decidedOn = nil }
        if documents != nil, script.documentsOn == nil { script.decidedOn = nil }   // approval waits for the paper
        if script.decidedOn == nil || script.paidOn.map({ $0 > today }) ?? true { script.paidOn = nil }
        return script
    }

    // MARK: - Making the claims

    /// The steps of the claim state machine, in the order they are taken on one day.
    enum ClaimStep: UInt64 {
        case report, begin, documents, decide, pay
    }

    /// What making the claims gave.
    struct ClaimTotals {
        var byStatus: [ClaimStatus: Int] = [:]
        var paid = Money.zero
        var daysToPay = 0
    }

    /// Takes every claim through the claim state machine, step by step in
    /// the order of the business days (report, review, documents, decision,
    /// payout; claims of one day in the order drawn), each step with a
    /// context of its day and the handling office as operator: the claim
    /// ids follow the report days, and every rule of the service holds.
    ///
    /// In bulk (the default), the steps are taken by the service's batch
    /// (``ClaimService/batch(_:policyIDs:)``), which keeps the rules in
    /// memory and writes the same rows once at the end; otherwise by ``ClaimService`` itself, a write per
    /// step (the reference the bulk path is tested against).
    static func makeClaims(_ db: DatabaseConnection, _ scripts: [ClaimScript], inBulk: Bool = true,
                           clock: @escaping @Sendable () -> Date) throws -> ClaimTotals {
        if inBulk {
            let service = ClaimService()
            var steps = BatchClaimSteps(writer: try service.batch(db, policyIDs: scripts.lazy.compactMap(\.report.policyID)))
            let totals = try makeClaims(db, scripts, steps: &steps, clock: clock)
            try service.write(db, steps.writer)
            return totals
        }
        var steps = ServiceClaimSteps()
        return try makeClaims(db, scripts, steps: &steps, clock: clock)
    }

    /// Takes the scripts' steps in business-day order through `steps`.
    static func makeClaims(_ db: DatabaseConnection, _ scripts: [ClaimScript], steps taker: inout some ClaimSteps,
                           clock: @escaping @Sendable () -> Date) throws -> ClaimTotals {
        // One sortable key per step: day, step, claim.
        var steps: [UInt64] = []
        steps.reserveCapacity(scripts.count * 4)
        func add(_ date: CivilDate?, _ step: ClaimStep, _ index: Int) {
            guard let date else { return }
            steps.append(UInt64(date.daysSinceEpoch) << 40 | step.rawValue << 32 | UInt64(index))
        }
        for (index, script) in scripts.enumerated() {
            add(script.report.reportedOn, .report, index)
            add(script.beginOn, .begin, index)
            add(script.documentsOn, .documents, index)
            add(script.decidedOn, .decide, index)
            add(script.paidOn, .pay, index)
        }
        steps.sort()

        var ids = [Int64](repeating: 0, count: scripts.count)
        var approved = [Money?](repeating: nil, count: scripts.count)
        var status = [ClaimStatus](repeating: .reported, count: scripts.count)
        for key in steps {
            let index = Int(key & 0xFFFF_FFFF)
            let day = CivilDate(daysSinceEpoch: Int(key >> 40))
            let script = scripts[index]
            let context = WriteContext(operator: script.office, today: day, clock: clock)
            let claim: Claim
            switch ClaimStep(rawValue: key >> 32 & 0xFF)! {
            case .report:
                claim = try taker.report(db, script.report, context: context)
                ids[index] = claim.id!
            case .begin:
                claim = try taker.beginReview(db, claimID: ids[index], context: context)
            case .documents:
                try taker.recordDocuments(db, claimID: ids[index], provided: [script.missing!], context: context)
                continue
            case .decide:
                claim = try taker.review(db, claimID: ids[index], script.decision, context: context)
                approved[index] = claim.approvedAmount
            case .pay:
                let prefix = script.method == .bankTransfer ? "BK" : script.method == .cash ? "XJ" : "ZP"
                let reference = prefix + day.description.replacingOccurrences(of: "-", with: "") + "-" + String(ids[index])
                claim = try taker.pay(db, claimID: ids[index],
                                      ClaimPayment(amount: approved[index]!, method: script.method,
                                                   reference: reference, paidOn: day),
                                      context: context)
            }
            status[index] = claim.status
        }
        var totals = ClaimTotals()
        for (index, status) in status.enumerated() {
            totals.byStatus[status, default: 0] += 1
            if status == .paid {
                totals.paid = Money(fen: totals.paid.fen + approved[index]!.fen)
                totals.daysToPay += scripts[index].report.reportedOn!.days(until: scripts[index].paidOn!)
            }
        }
        return totals
    }

    /// The days from report to payout at each union's office: a fast,
    /// ordinary or slow pace per union (3–12, 6–25 or 12–40 days).
    static func payoutDays(random: inout SplitMix64) -> [ClosedRange<Int>] {
        topUnits.map { _ in [3...12, 6...25, 12...40][random.index(weightedBy: [4, 5, 3])] }
    }

    /// Diagnoses of hospital stays after an illness (ICD-10 category and name).
    static let illnesses = [
        "J18 肺炎", "I21 急性心肌梗死", "K35 急性阑尾炎", "K80 胆石症", "I63 脑梗死", "E11 2型糖尿病",
        "M51 腰椎间盘突出", "N20 肾结石", "K29 胃炎", "I10 高血压", "J44 慢性阻塞性肺病", "K40 腹股沟疝",
    ]
    /// Diagnoses after an accident.
    static let injuries = [
        "S72 股骨骨折", "S82 小腿骨折", "S52 前臂骨折", "S06 颅内损伤", "S42 肩和上臂骨折", "S92 足骨折",
        "T14 多处损伤", "S32 腰椎和骨盆骨折",
    ]
    /// Critical illnesses.
    static let criticalIllnesses = [
        "C34 肺恶性肿瘤", "C16 胃恶性肿瘤", "C22 肝恶性肿瘤", "C18 结肠恶性肿瘤", "I21 急性心肌梗死",
        "I61 脑出血", "N18 慢性肾衰竭", "C73 甲状腺恶性肿瘤",
    ]
}
