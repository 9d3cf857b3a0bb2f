import GRDB
import Testing
@testable import HuzhuCore
@testable import HuzhuDemo

@Suite("Demo city: deterministic, valid, shaped like the seed's city")
struct DemoCityTests {
    /// A demo city of 2,000 members in memory, audit timestamps fixed.
    static func city(seed: UInt64 = 1, members: Int = 2_000) throws -> (HuzhuDatabase, DemoCity.Summary) {
        let database = try HuzhuDatabase.inMemory()
        let summary = try DemoCity(seed: seed, members: members).build(into: database, clock: { Fixture.instant })
        return (database, summary)
    }

    /// FNV-1a (64 bits) of every row of every table, in row order.
    static func digest(_ database: HuzhuDatabase) throws -> UInt64 {
        let tables = ["office", "unit", "unitHeadcount", "member", "plan", "planTerm", "enrollmentBatch", "policy", "target",
                      "claim", "claimDocument", "claimReview", "claimEvent", "claimPayment", "ledgerEntry", "ledgerLine", "audit"]
        return try database.read { db in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for table in tables {
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY rowid")
                while let row = try rows.next() {
                    for byte in (table + row.description).utf8 {
                        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
                    }
                }
            }
            return hash
        }
    }

    @Test("the same seed builds the same rows; another seed builds other rows")
    func determinism() throws {
        let (first, firstSummary) = try DemoCityTests.city()
        let (second, secondSummary) = try DemoCityTests.city()
        let (other, _) = try DemoCityTests.city(seed: 2)
        #expect(firstSummary == secondSummary)
        #expect(try DemoCityTests.digest(first) == DemoCityTests.digest(second))
        #expect(try DemoCityTests.digest(first) != DemoCityTests.digest(other))
    }

    @Test("exactly the members asked for", arguments: [1, 137, 2_000])
    func memberCount(members: Int) throws {
        let (database, summary) = try DemoCityTests.city(members: members)
        #expect(summary.members == members)
        #expect(try database.read { db in try MemberService().count(db) } == members)
    }

    @Test("the figures of seed 1 with 2,000 members")
    func summary() throws {
        let (_, summary) = try DemoCityTests.city()
        #expect(summary.units == 1 + 12 + 39)
        #expect(summary.grassroots == 39)
        #expect(summary.members == 2_000)
        #expect(summary.retired == 23)
        #expect(summary.left == 12)
        #expect(summary.hardship == 102)
    }

    @Test("every resident ID is valid and unique, agrees with gender and birth date, and comes from Anhui")
    func residentIDs() throws {
        let (database, _) = try DemoCityTests.city()
        let members = try database.read { db in try Member.fetchAll(db) }
        #expect(Set(members.map(\.residentID)).count == members.count)
        for member in members {
            let parsed = try ResidentID(member.residentID.value, today: DemoCity.today)
            #expect(parsed == member.residentID)
            #expect(parsed.areaCode.hasPrefix("34"))
            #expect(member.gender == parsed.gender && member.birthDate == parsed.birthDate)
            #expect((2...3).contains(member.name.count))
            if let phone = member.phone { #expect(try Phone(phone.value) == phone) }
            #expect(member.joinedOn >= member.birthDate && member.joinedOn < DemoCity.registrationDay)
            let age = member.age(on: DemoCity.termStart)
            switch member.status {
            case .active, .deceased: #expect((18...(member.gender == .female ? 54 : 59)).contains(age))
            case .retired: #expect(member.retiredOn != nil && age >= 50)
            case .left: #expect(member.leftOn != nil && member.leftOn! >= member.joinedOn)
            }
            if member.status == .deceased { #expect(member.leftOn != nil && member.leftOn! >= DemoCity.termStart) }
        }
        #expect(Set(members.map(\.gender)) == [.female, .male])
    }

    @Test("the tree: the federation and its office, the named unions under it, grassroots unions under them")
    func tree() throws {
        let (database, _) = try DemoCityTests.city()
        let (units, offices) = try database.read { db in
            (try Array(UnitService().units(db)), try UnitService().offices(db))
        }
        #expect(offices.map { "\($0.code) \($0.name) \($0.kind.chinese)" }
                == ["AG-FX 肥西县代办处 代办处", "AG-KF 开发区代办处 代办处", "HQ 市总保险办 办事处"])
        let federation = try #require(units.first)
        #expect("\(federation.code) \(federation.name) \(federation.kind) \(federation.officeCode ?? "-")"
                == "FED 合肥市总工会 federation HQ")
        let top = units.filter { $0.parentCode == "FED" }
        #expect(top.map { "\($0.name) \($0.kind.rawValue)" }.sorted() == [
            "包河区总工会 district", "四方磷复肥公司工会 enterprise", "市工交工会 industry", "市文教工会 industry",
            "市财贸工会 industry", "庐阳区总工会 district", "燃气集团工会 enterprise", "瑶海区总工会 district",
            "经开区总工会 district", "肥西县总工会 county", "蜀山区总工会 district", "高新区总工会 district",
        ].sorted())
        let grassroots = units.filter { $0.parentCode != nil && $0.parentCode != "FED" }
        #expect(grassroots.count == 39)
        #expect(grassroots.allSatisfy { unit in
            unit.kind == .grassroots && top.contains { $0.code == unit.parentCode && $0.officeCode == unit.officeCode }
        })
        #expect(Set(units.map(\.name)).count == units.count)
        #expect(grassroots.filter { $0.parentCode == "RQ" }.map(\.name).prefix(2) == ["燃气集团管网分公司工会", "燃气集团客户服务中心工会"])
    }

    @Test("the four plans with their published figures, terms from 2026-07-01")
    func plans() throws {
        let (database, _) = try DemoCityTests.city()
        let (plans, terms) = try database.read { db in
            (try PlanService().plans(db), try PlanTerm.order(PlanTerm.Columns.planCode).fetchAll(db))
        }
        #expect(plans.map { "\($0.code) \($0.kind.rawValue) \($0.pricePerShare) \($0.maxShares) \($0.ageRangeText) \($0.waitingPeriodDays)" } == [
            "ACC accident 26.00 4 16–60 0",
            "CI criticalIllness 90.00 1 16–55 90",
            "FEM femaleDisease 50.00 1 16–55 90",
            "INP inpatient 36.00 1 16–60 90",
        ])
        let byCode = Dictionary(uniqueKeysWithValues: plans.map { ($0.code, $0) })
        #expect(byCode["ACC"]?.groupRule == GroupRule(minimumPercent: 50, smallUnitThreshold: 30))
        #expect(byCode["INP"]?.groupRule == GroupRule(minimumPercent: 50, smallUnitThreshold: 30))
        #expect(byCode["INP"].map { [$0.deductible.fen, Int64($0.paymentRatio), $0.perClaimCap!.fen, $0.perTermCap!.fen] }
                == [50_000, 7_000, 5_000_000, 5_000_000])   // 500 yuan, 70%, 50,000 yuan a claim and a term
        #expect(byCode["FEM"]?.gender == .female)
        #expect(byCode["FEM"]?.benefits.map { "\($0.name) \($0.amount)" }
                == ["女性特殊癌症 6000.00", "子宫及卵巢全部切除 3000.00", "子宫或卵巢切除 2000.00", "子宫肌瘤切除 1000.00"])
        #expect(byCode["CI"]?.benefits.map { "\($0.code) \($0.amount)" } == ["mild 3000.00", "severe 10000.00"])
        #expect(byCode["ACC"]?.benefits.map { "\($0.code) \($0.amount)" }
                == ["injury 1000.00", "disability 10000.00", "death 20000.00"])
        #expect(terms.map { "\($0.planCode) \($0.label) \($0.startDate)…\($0.endDate)" } == [
            "ACC 2026 2026-07-01…2027-06-30",
            "CI 2026 2026-07-01…2029-06-30",
            "FEM 2026 2026-07-01…2028-06-30",
            "INP 2026 2026-07-01…2027-06-30",
        ])
    }

    @Test("group enrollments keep the rule: at least half of the employees, everyone in a unit under 30")
    func groupRules() throws {
        let (database, summary) = try DemoCityTests.city()
        let batches = try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT enrollmentBatch.unitCode, planTerm.planCode, enrollmentBatch.enrolled, enrollmentBatch.employees,
                       (SELECT COUNT(*) FROM policy WHERE policy.batchID = enrollmentBatch.id) AS policies
                FROM enrollmentBatch JOIN planTerm ON planTerm.id = enrollmentBatch.planTermID
                """)
        }
        #expect(batches.count == summary.batches)
        let rule = GroupRule(minimumPercent: 50, smallUnitThreshold: 30)
        var small = 0
        for batch in batches {
            let plan: String = batch["planCode"], enrolled: Int = batch["enrolled"], employees: Int = batch["employees"]
            #expect(batch["policies"] == enrolled)
            guard plan == "ACC" || plan == "INP" else { continue }
            #expect(enrolled >= rule.required(employees: employees))
            if employees < 30 {
                #expect(enrolled == employees)
                small += 1
            }
        }
        #expect(small > 0)   // the rule for small units was exercised
        let (men, outOfAge) = try database.read { db in
            (try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM policy JOIN member ON member.id = policy.memberID
                WHERE policy.planCode = 'FEM' AND member.gender <> 'female'
                """)!,
             try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM policy JOIN member ON member.id = policy.memberID
                WHERE member.status <> 'active' OR member.birthDate > '2010-07-01'
                """)!)
        }
        #expect(men == 0 && outOfAge == 0)
        #expect(summary.skipped[.genderIneligible, default: 0] > 0)   // men met the female-disease plan
    }

    @Test("participation figures add up: the city total is the sum of the unions under it")
    func participation() throws {
        let (database, summary) = try DemoCityTests.city()
        let (parts, total) = try database.read { db in
            (try DemoCity.topUnits.map { try EnrollmentService().participation(db, under: $0.code, year: 2026) },
             try EnrollmentService().participation(db, under: "FED", year: 2026))
        }
        #expect(parts.map(\.employees).reduce(0, +) == total.employees)
        #expect(parts.map(\.enrolledMembers).reduce(0, +) == total.enrolledMembers)
        #expect(parts.map(\.contributions.fen).reduce(0, +) == total.contributions.fen)
        #expect(total.policies == summary.policies)
        #expect(Participation(unitCode: nil, year: 2026, planCode: nil, employees: 3, enrolledMembers: 2, policies: 0,
                              contributions: .zero).rateText == "66.7%")   // 2 ÷ 3 = 66.67%, half up
        #expect(Participation(unitCode: nil, year: 2026, planCode: nil, employees: 0, enrolledMembers: 0, policies: 0,
                              contributions: .zero).rateText == "–")
    }

    // MARK: - A year: enrollment days, targets, claims

    /// A city of 3,000 members (seed 1), built once for the tests below, which only read it.
    static let year = Result { try DemoCityTests.city(members: 3_000) }

    @Test("units enroll on their own days, most before the terms start, a tail in July to September starting cover that day")
    func enrollmentDays() throws {
        let (database, summary) = try DemoCityTests.year.get()
        let (days, autumn, mismatched) = try database.read { db in
            (try CivilDate.fetchAll(db, sql: """
                SELECT DISTINCT enrolledOn FROM enrollmentBatch WHERE enrolledOn < '2026-10-01' ORDER BY enrolledOn
                """),
             // The autumn's additions: critical illness only, on weekdays from 10-08 to 12-18.
             try String.fetchAll(db, sql: """
                SELECT planTerm.planCode || ' ' || enrollmentBatch.enrolledOn FROM enrollmentBatch
                JOIN planTerm ON planTerm.id = enrollmentBatch.planTermID WHERE enrolledOn >= '2026-10-01'
                """),
             try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM policy
                WHERE startDate <> MAX(enrolledOn, '2026-07-01') OR batchID IS NULL
                """)!)
        }
        #expect(days.count == summary.enrollmentDays && days.count >= 15)
        #expect(days.first! >= DemoCity.enrollmentOpens && days.last! <= CivilDate(year: 2026, month: 9, day: 25)!)
        #expect(days.filter { $0 > DemoCity.halfYear }.count >= 3)   // a tail of late units
        #expect(days.filter { $0 <= DemoCity.enrollmentCloses }.count >= 10)
        #expect(summary.lateUnits > 0 && summary.firstEnrollment == days.first && summary.lastEnrollment == days.last)
        #expect(mismatched == 0)   // cover starts on 07-01, or on a late unit's enrollment day
        // No enrollment at a weekend: (days since 1970-01-01 + 3) mod 7 is 5 or 6 on Saturdays and Sundays.
        #expect(days.allSatisfy { ($0.daysSinceEpoch + 3) % 7 < 5 })
        #expect(autumn.count == summary.addedBatches && autumn.count >= 2)
        for addition in autumn {
            let day = try CivilDate(parsing: String(addition.dropFirst(3)))
            #expect(addition.hasPrefix("CI ") && day >= CivilDate(year: 2026, month: 10, day: 8)! && day <= DemoCity.today)
            #expect((day.daysSinceEpoch + 3) % 7 < 5)
        }
    }

    @Test("the federation and every union under it have a 2026 target of 85–105% of what they enroll; at 06-30 some keep pace, some do not")
    func targets() throws {
        let (database, summary) = try DemoCityTests.year.get()
        let codes = DemoCity.topUnits.map(\.code) + ["FED"]
        let (half, end, firstRound) = try database.read { db in
            (try codes.map { try #require(try TargetService().progress(db, unitCode: $0, asOf: DemoCity.halfYear)) },
             try codes.map { try #require(try TargetService().progress(db, unitCode: $0, asOf: CivilDate(year: 2026, month: 12, day: 31)!)) },
             // After the first round of group enrolments, before the autumn's additions.
             try codes.map { try #require(try TargetService().progress(db, unitCode: $0, asOf: CivilDate(year: 2026, month: 9, day: 30)!)) })
        }
        #expect(summary.targets == 13)
        for progress in firstRound {
            let target = progress.target
            #expect(target.year == 2026 && target.planCode == nil && target.setOn == DemoCity.registrationDay)
            // members: ⌊enrolled × 850…1050 / 1000⌋; contributions the same, rounded to the yuan
            #expect(target.members * 1_000 >= progress.enrolledMembers * 850 - 1_000)
            #expect(target.members * 1_000 <= progress.enrolledMembers * 1_050)
            #expect(target.contributions.fen * 1_000 >= progress.contributions.fen * 850 - 50_000)
            #expect(target.contributions.fen * 1_000 <= progress.contributions.fen * 1_050 + 50_000)
            #expect(target.contributions.fen % 100 == 0)
        }
        let tops = half.dropLast()
        #expect(tops.contains { $0.onTrack } && tops.contains { !$0.onTrack })   // 时间过半、任务过半, or not
        let reached = end.compactMap(\.reachedOn)
        #expect(reached.count < end.count)                 // some never reach their target
        #expect(Set(reached).count >= 3)                   // and those that do, on different days
        #expect(end.map(\.enrolledMembers).dropLast().reduce(0, +) == end.last!.enrolledMembers)
    }

    @Test("claims in every status, about 3% of the enrolled members, reported after cover start and by the business date")
    func claims() throws {
        let (database, summary) = try DemoCityTests.year.get()
        let (byStatus, enrolled, early, kinds, reasons, overdue) = try database.read { db in
            (Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM claim GROUP BY status")
                .map { (try ClaimStatus(parsing: $0[0] as String), $0[1] as Int) }),
             try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT memberID) FROM policy")!,
             // Incidents before cover start, or reports after today: none. Incidents in the waiting period are rejected.
             try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM claim JOIN policy ON policy.id = claim.policyID
                WHERE claim.incidentDate < policy.startDate OR claim.reportedOn > '2026-12-20'
                   OR (claim.incidentDate < date(policy.startDate, '+90 days') AND claim.planCode <> 'ACC'
                       AND claim.status <> 'rejected' AND claim.status <> 'reported' AND claim.status <> 'underReview')
                """)!,
             Set(try String.fetchAll(db, sql: "SELECT DISTINCT planCode || ' ' || kind FROM claim")),
             Set(try Int.fetchAll(db, sql: "SELECT DISTINCT rejectionReason FROM claim WHERE status = 'rejected'")),
             try ClaimService().overdue(db, days: 30, asOf: DemoCity.today))
        }
        #expect(byStatus == summary.claims)
        for status in ClaimStatus.allCases { #expect(byStatus[status, default: 0] > 0, "no \(status) claim") }
        let total = byStatus.values.reduce(0, +)
        #expect(total * 100 >= enrolled * 2 && total * 100 <= enrolled * 5)   // about 3%
        #expect(byStatus[.paid]! * 2 > total)                                  // most paid
        #expect(early == 0)
        #expect(kinds.isSuperset(of: ["INP illness", "INP accident", "ACC accident", "FEM femaleDisease", "CI criticalIllness"]))
        #expect(reasons.count >= 2)   // coded reasons: waiting period, below the deductible, excluded cause …
        #expect(!overdue.isEmpty)     // a few have waited more than 30 days at one step
    }

    @Test("every claim went through the state machine: events by day, reviews, payouts posted and audited")
    func claimTrail() throws {
        let (database, summary) = try DemoCityTests.year.get()
        let allowed: Set<String> = ["-reported", "reported-underReview", "underReview-approved", "underReview-rejected",
                                    "approved-paid"]
        try database.read { db in
            let claims = try Claim.fetchAll(db)
            let events = Dictionary(grouping: try ClaimEvent.order(ClaimEvent.Columns.id).fetchAll(db), by: \.claimID)
            let payments = Dictionary(uniqueKeysWithValues: try ClaimPayment.fetchAll(db).map { ($0.claimID!, $0) })
            for claim in claims {
                let trail = events[claim.id!] ?? []
                #expect(trail.first?.on == claim.reportedOn && trail.last?.toStatus == claim.status)
                #expect(trail.last?.on == claim.statusSince && claim.statusSince <= DemoCity.today)
                #expect(zip(trail, trail.dropFirst()).allSatisfy { $0.on <= $1.on })
                #expect(trail.allSatisfy { allowed.contains(($0.fromStatus?.rawValue ?? "") + "-" + $0.toStatus.rawValue) })
                if claim.status == .paid {
                    let payment = try #require(payments[claim.id!])
                    #expect(payment.amount == claim.approvedAmount && payment.paidOn == claim.statusSince)
                    #expect(payment.ledgerEntryID != nil)
                } else {
                    #expect(payments[claim.id!] == nil)
                }
            }
            let audit = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
                SELECT operation, COUNT(*) FROM audit WHERE tableName IN ('claim', 'claimReview', 'claimPayment')
                   OR operation = 'postPayout' GROUP BY operation
                """).map { ($0[0] as String, $0[1] as Int) })
            let paid = summary.claims[.paid]!
            #expect(audit["reportClaim"] == claims.count)
            #expect(audit["payClaim"] == paid && audit["postPayout"] == paid)
            #expect(audit["reviewClaim"] == paid + summary.claims[.approved]! + summary.claims[.rejected]!)
            // Payout days differ between the unions' offices.
            let days = try Double.fetchAll(db, sql: """
                SELECT AVG(julianday(claimPayment.paidOn) - julianday(claim.reportedOn)) FROM claimPayment
                JOIN claim ON claim.id = claimPayment.claimID JOIN unit ON unit.code = claim.unitCode
                GROUP BY unit.parentCode
                """)
            #expect(days.max()! - days.min()! >= 5)
        }
    }

    @Test("the payouts are in the books: ledger check is clean and benefits booked less those payable equal the payments")
    func books() throws {
        let (database, summary) = try DemoCityTests.year.get()
        let (report, benefits, payable) = try database.read { db in
            (try LedgerService().check(db), try LedgerService().balance(db, account: .benefitsPaid),
             try LedgerService().balance(db, account: .benefitsPayable))
        }
        #expect(report.isClean, "\(report)")
        #expect(Money(fen: benefits.fen - payable.fen) == summary.benefitsPaid && benefits.fen > 0)
    }
}
