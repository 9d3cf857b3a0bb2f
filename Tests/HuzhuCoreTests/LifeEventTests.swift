import Foundation
import GRDB
import Testing
@testable import HuzhuCore

/// Members' life events (update, transfer, leave, history) and policy
/// cancellation with its refund (issue 15, items 1–2).
@Suite("life events and cancellation")
struct LifeEventTests {
    let database: HuzhuDatabase
    let man = "340104198001011234"
    let woman = "340104199006150027"
    let other = Fixture.residentID(birth: "19850303", sequence: 21)

    /// The fixture city with a plan PRO (26.00, pro-rata refund, leavers end
    /// with a refund; term 2012-07-01 to 2013-06-30), three members, and
    /// policies posted to the ledger: the man in ACC and PRO (split
    /// 10.00 / 10.00 / 6.00), the woman in PRO, the other (LY001) in ACC.
    init() throws {
        database = try Fixture.city()
        let seed = Fixture.context(operator: "seed")
        try database.write { [man, woman, other] db in
            var pro = Plan(code: "PRO", name: "按比例退保", kind: .accident, pricePerShare: Money(fen: 2600))
            pro.rules.refund = .proRata
            pro.rules.leaving = .endWithRefund
            try PlanService().create(db, pro, context: seed)
            try PlanService().addTerm(db, planCode: "PRO", label: "2012", start: Fixture.date("2012-07-01"), years: 1,
                                      rules: pro.rules, context: seed)
            try Fixture.member(db, man)
            try Fixture.member(db, woman, name: "李四")
            try Fixture.member(db, other, unit: "LY001", name: "王五")
            let split = ContributionSplit(administration: Money(fen: 1000), union: Money(fen: 1000), member: Money(fen: 600))
            for (id, plan) in [(man, "ACC"), (man, "PRO"), (woman, "PRO"), (other, "ACC")] {
                try EnrollmentService().enroll(db, EnrollmentRequest(residentID: id, planCode: plan, shares: 1, split: split),
                                               context: seed)
            }
        }
    }

    func on(_ date: String) -> WriteContext { Fixture.context(today: Fixture.date(date)) }

    func refusal<T>(scope: Scope = .everything, _ body: (Session) throws -> T) -> String? {
        validationError { try database.write(.commit, scope: scope) { session in try body(session) } }?.description
    }

    func policy(_ residentID: String, _ plan: String) throws -> Policy {
        try database.read { db in
            try EnrollmentService().policies(db, PolicyFilter(planCode: plan, residentID: residentID)).next()!.policy
        }
    }

    func audit(_ operation: String) throws -> [String] {
        try database.read { db in try AuditLog.entries(db).filter { $0.operation == operation }.map(\.summary) }
    }

    func ledgerClean() throws -> Bool {
        try database.read { db in try LedgerService().check(db).isClean }
    }

    // MARK: - Cancellation

    @Test("cancel: pro-rata refund shared back in proportion, posted, audited; the books still agree")
    func cancelProRata() throws {
        let id = try policy(man, "PRO").id!
        let result = try database.write { db in
            try EnrollmentService().cancel(db, policyID: id, on: Fixture.date("2012-09-30"), reason: "changed employer",
                                           context: on("2012-10-08"))
        }
        // 273 of 365 days unexpired: 26.00 × 273 / 365 = 19.44, shared 10 : 10 : 6.
        #expect(result.refund == ContributionSplit(administration: Money(fen: 748), union: Money(fen: 748), member: Money(fen: 448)))
        #expect(result.refundRule == .proRata)
        let stored = try policy(man, "PRO")
        #expect(stored.status == .cancelled && stored.cancelledOn == Fixture.date("2012-09-30"))
        #expect(stored.cancelReason == "changed employer" && stored.refund == result.refund)
        let lines = try database.read { db in try LedgerService().entry(db, id: result.entryID!)!.lines }
        #expect(lines.map { "\($0.account.rawValue) \($0.debit) \($0.credit)" } == [
            "contributions:administration 7.48 0.00", "contributions:union 7.48 0.00",
            "contributions:member 4.48 0.00", "receivable:contributions 0.00 19.44",   // unpaid bill: the refund takes it off
        ])
        #expect(try audit("cancelPolicy") == [
            #"{"administration":748,"memberShare":448,"on":"2012-09-30","reason":"changed employer","refund":1944,"refundRule":"pro_rata","status":"cancelled","union":748}"#,
        ])
        #expect(try ledgerClean())
        // A claim up to the last covered day is taken, a later one refused.
        var report = ClaimReport(policyID: id, kind: .accident, incidentDate: Fixture.date("2012-09-30"))
        report.admissionDate = Fixture.date("2012-09-30")
        report.dischargeDate = Fixture.date("2012-10-02")
        try database.write { db in _ = try ClaimService().report(db, report, context: on("2012-10-08")) }
        report.incidentDate = Fixture.date("2012-10-01")
        report.admissionDate = Fixture.date("2012-10-01")
        #expect(refusal { s in try s.services.claims.report(s.connection, report, context: on("2012-10-08")) } ==
            "E655 policy \(id): policy \(id) is cancelled from 2012-10-01")
    }

    @Test("cancel before the cover starts refunds everything under before_start; after, nothing")
    func cancelBeforeStart() throws {
        let acc = try policy(man, "ACC").id!
        let before = try database.write { db in
            try EnrollmentService().cancel(db, policyID: acc, reason: "joined by mistake", context: on("2012-06-25"))
        }
        #expect(before.refund.total == Money(fen: 2600) && before.refundRule == .beforeStart)
        let late = try policy(other, "ACC").id!
        let after = try database.write { db in
            try EnrollmentService().cancel(db, policyID: late, on: Fixture.date("2012-08-01"), reason: "asked",
                                           context: on("2012-08-02"))
        }
        #expect(after.refund == .zero && after.entryID == nil)
        #expect(try ledgerClean())
    }

    @Test("cancel refusals: E509, E250, E510, E517, E309, E515, E516; a dry run leaves nothing")
    func cancelRefusals() throws {
        let id = try policy(man, "PRO").id!
        let ly = try policy(other, "ACC").id!
        let context = on("2012-10-08")
        #expect(refusal { s in try s.services.enrollment.cancel(s.connection, policyID: 999, reason: "x", context: context) }
            == "E509 policy 999: no such policy 999")
        #expect(refusal(scope: .unit("BH")) { s in
            try s.services.enrollment.cancel(s.connection, policyID: ly, reason: "x", context: context)
        } == "E250 policy \(ly): unit LY001 is outside the scope BH")
        #expect(refusal { s in try s.services.enrollment.cancel(s.connection, policyID: id, reason: " ", context: context) }
            == "E517 policy \(id): a cancellation needs a reason")
        #expect(refusal { s in
            try s.services.enrollment.cancel(s.connection, policyID: id, on: Fixture.date("2012-10-09"), reason: "x", context: context)
        } == "E309 policy \(id): 2012-10-09 is after today (2012-10-08)")
        #expect(refusal { s in
            try s.services.enrollment.cancel(s.connection, policyID: id, on: Fixture.date("2012-06-01"), reason: "x", context: context)
        } == "E515 policy \(id): cancellation date 2012-06-01 is outside policy \(id) (enrolled 2012-06-20, cover to 2013-06-30)")
        var report = ClaimReport(policyID: id, kind: .accident, incidentDate: Fixture.date("2012-09-01"))
        report.admissionDate = Fixture.date("2012-09-01")
        report.dischargeDate = Fixture.date("2012-09-03")
        let claim = try database.write { db in try ClaimService().report(db, report, context: context) }
        #expect(refusal { s in
            try s.services.enrollment.cancel(s.connection, policyID: id, on: Fixture.date("2012-08-31"), reason: "x", context: context)
        } == "E516 policy \(id): claim \(claim.id!) has an incident on 2012-09-01, after the cancellation date 2012-08-31")

        let entries = try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledgerEntry")! }
        let dry = try database.write(.dryRun) { s in
            try s.services.enrollment.cancel(s.connection, policyID: id, on: Fixture.date("2012-09-30"), reason: "x", context: context)
        }
        #expect(dry.refund.total == Money(fen: 1944))
        #expect(try policy(man, "PRO").status == .active)
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledgerEntry")! } == entries)
        #expect(try audit("cancelPolicy").isEmpty)
        try database.write { db in
            _ = try EnrollmentService().cancel(db, policyID: id, on: Fixture.date("2012-09-30"), reason: "x", context: context)
        }
        #expect(refusal { s in try s.services.enrollment.cancel(s.connection, policyID: id, reason: "x", context: context) }
            == "E510 policy \(id): policy is cancelled, not active")
    }

    // MARK: - Life events

    @Test("update and transfer: changes, history, audit; a change of nothing records nothing")
    func updateAndTransfer() throws {
        let members = MemberService()
        try database.write { db in
            try members.update(db, residentID: man, MemberChanges(phone: .some("13812345678"), hardship: true),
                               on: Fixture.date("2012-07-15"), context: on("2012-08-01"))
            try members.update(db, residentID: man, MemberChanges(hardship: true), context: on("2012-08-01"))
            try members.transfer(db, residentID: man, to: "BH002", on: Fixture.date("2012-08-01"), context: on("2012-08-01"))
        }
        let history = try database.read { db in try members.history(db, residentID: man) }
        #expect(history.map { "\($0.effectiveOn) \($0.kind.rawValue) \($0.fromUnitCode ?? "-") \($0.toUnitCode ?? "-") \($0.changed)" } == [
            "2010-01-01 registered - BH001 []", "2012-07-15 updated - - [\"phone\", \"hardship\"]",
            "2012-08-01 transferred BH001 BH002 []",
        ])
        #expect(history[1].recordedOn == Fixture.date("2012-08-01") && history[1].provenance?.operatorName == "clerk")
        #expect(try audit("updateMember") == [#"{"hardship":true,"on":"2012-07-15","phone":"changed"}"#])
        #expect(try audit("transferMember") == [#"{"from":"BH001","on":"2012-08-01","unit":"BH002"}"#])
        // The policies stay with the unit that enrolled them.
        #expect(try policy(man, "ACC").unitCode == "BH001")
        #expect(try database.read { db in try members.member(db, residentID: man)!.unitCode } == "BH002")
    }

    @Test("update and transfer refusals: E312, E208, E250, E314, E309, E308, E305")
    func transferRefusals() throws {
        let context = on("2012-08-01")
        func transfer(_ unit: String, _ date: String, scope: Scope = .everything) -> String? {
            refusal(scope: scope) { s in
                try s.services.members.transfer(s.connection, residentID: man, to: unit, on: Fixture.date(date), context: context)
            }
        }
        #expect(transfer("BH001", "2012-07-01") == "E312 member 340104********1234: member is already in unit BH001")
        #expect(transfer("XX", "2012-07-01") == "E208 member 340104********1234: unknown unit XX")
        #expect(transfer("LY001", "2012-07-01", scope: .unit("BH")) == "E250 member 340104********1234: unit LY001 is outside the scope BH")
        #expect(transfer("BH002", "2012-08-02") == "E309 member 340104********1234: 2012-08-02 is after today (2012-08-01)")
        #expect(transfer("BH002", "2009-12-31") == "E308 member 340104********1234: 2009-12-31 is before the join date 2010-01-01")
        _ = try database.write { db in
            try MemberService().transfer(db, residentID: man, to: "BH002", on: Fixture.date("2012-07-20"), context: context)
        }
        #expect(transfer("BH001", "2012-07-19") ==
            "E314 member 340104********1234: 2012-07-19 is before the member's last recorded change (transferred on 2012-07-20)")
        #expect(refusal { s in
            try s.services.members.update(s.connection, residentID: "340104198001011242", MemberChanges(name: "x"), context: context)
        }?.hasPrefix("E305") == true)
        #expect(try audit("transferMember").count == 1)
    }

    @Test("a death ends the policies on the day; the death claim stays payable; enrolment refused with E501")
    func death() throws {
        let result = try database.write { db in
            try MemberService().leave(db, residentID: man, .deceased, on: Fixture.date("2012-09-10"), context: on("2012-09-12"))
        }
        #expect(result.member.status == .deceased && result.member.leftOn == Fixture.date("2012-09-10"))
        #expect(result.cancellations.map { "\($0.policy.planCode) \($0.policy.cancelledOn!) \($0.policy.cancelReason!) \($0.refund.total)" }
            == ["ACC 2012-09-10 deceased 0.00", "PRO 2012-09-10 deceased 0.00"])
        #expect(try ledgerClean())
        let acc = try policy(man, "ACC").id!
        var report = ClaimReport(policyID: acc, kind: .death, incidentDate: Fixture.date("2012-09-10"))
        report.documents = ClaimDocument.required(for: .death)
        try database.write { db in _ = try ClaimService().report(db, report, context: on("2012-09-12")) }
        report.incidentDate = Fixture.date("2012-09-11")
        #expect(refusal { s in try s.services.claims.report(s.connection, report, context: on("2012-09-12")) } ==
            "E655 policy \(acc): policy \(acc) is cancelled from 2012-09-11")
        #expect(refusal { s in
            try s.services.enrollment.enroll(s.connection, EnrollmentRequest(residentID: man, planCode: "CIA"), context: on("2012-09-12"))
        } == "E501 member 340104********1234: member is deceased since 2012-09-10, not active")
        #expect(refusal { s in
            try s.services.members.leave(s.connection, residentID: man, .left, context: on("2012-09-12"))
        } == "E311 member 340104********1234: member is deceased since 2012-09-10")
        #expect(refusal { s in
            try s.services.members.transfer(s.connection, residentID: man, to: "BH002", context: on("2012-09-12"))
        } == "E311 member 340104********1234: member is deceased since 2012-09-10")
        #expect(try audit("setMemberStatus") == [#"{"on":"2012-09-10","status":"deceased"}"#])
        #expect(try database.read { db in try MemberService().history(db, residentID: man).map(\.kind) } == [.registered, .deceased])
    }

    @Test("leaving or retiring keeps cover under keep, ends it with a pro-rata refund under end_with_refund")
    func leaving() throws {
        let result = try database.write { db in
            try MemberService().leave(db, residentID: man, .retired, on: Fixture.date("2012-09-30"), context: on("2012-10-08"))
        }
        #expect(result.cancellations.map(\.policy.planCode) == ["PRO"])
        #expect(result.cancellations.first?.refund.total == Money(fen: 1944))
        #expect(try policy(man, "ACC").status == .active)
        #expect(try ledgerClean())
        #expect(refusal { s in
            try s.services.members.leave(s.connection, residentID: man, .retired, context: on("2012-10-08"))
        } == "E311 member 340104********1234: member is retired since 2012-09-30")
        // A retired member may still leave.
        try database.write { db in _ = try MemberService().leave(db, residentID: man, .left, context: on("2012-10-08")) }
        #expect(refusal { s in
            try s.services.enrollment.enroll(s.connection, EnrollmentRequest(residentID: man, planCode: "CIA"), context: on("2012-10-08"))
        } == "E501 member 340104********1234: member is left since 2012-10-08, not active")
        // Scope: a member outside the subtree is refused.
        #expect(refusal(scope: .unit("BH")) { s in
            try s.services.members.leave(s.connection, residentID: other, .left, context: on("2012-10-08"))
        } == "E250 member 340104********0216: unit LY001 is outside the scope BH")
    }

    @Test("doctor lists approved death claims of members still active, until the death is recorded")
    func doctorDeaths() throws {
        let acc = try policy(man, "ACC").id!
        var report = ClaimReport(policyID: acc, kind: .death, incidentDate: Fixture.date("2012-09-10"))
        report.documents = ClaimDocument.required(for: .death)
        report.expenses = ClaimExpenses(total: Money(fen: 100_000), insurancePaid: .zero, selfPaid: Money(fen: 100_000))
        let claims = ClaimService()
        let claim = try database.write { db in
            let claim = try claims.report(db, report, context: on("2012-09-12"))
            _ = try claims.beginReview(db, claimID: claim.id!, context: on("2012-09-12"))
            return try claims.review(db, claimID: claim.id!, .approve(), context: on("2012-09-12"))
        }
        #expect(claim.status == .approved)
        func findings() throws -> [String] {
            try database.read { db in
                Doctor(checks: [DeathClaimCheck()]).run(db, DoctorEnvironment()).results[0].findings.problems
            }
        }
        let memberID = try database.read { db in try MemberService().member(db, residentID: man)!.id! }
        #expect(try findings() == [
            "claim \(claim.id!): death on 2012-09-10 approved, but member \(memberID) is active (record it: "
                + "huzhu.members.leave(id, {date = \"2012-09-10\", reason = \"deceased\"}) or huzhu import member-changes)",
        ])
        try database.write { db in
            _ = try MemberService().leave(db, residentID: man, .deceased, on: Fixture.date("2012-09-10"), context: on("2012-09-12"))
        }
        #expect(try findings().isEmpty)
        #expect(try ledgerClean())
    }
}

/// `MemberChangeImporter`: every row through the member service, in order;
/// its own codes (E313, E315), the service's, scope, audit, atomic.
@Suite("member-changes import")
struct MemberChangeImportTests {
    let man = "340104198001011234"
    let other = Fixture.residentID(birth: "19850303", sequence: 21)

    func bench() throws -> ImportBench {
        let bench = try ImportBench()
        try bench.database.write { [man, other] db in
            try Fixture.member(db, man)
            try Fixture.member(db, other, unit: "LY001", name: "王五")
        }
        return bench
    }

    func run(_ bench: ImportBench, _ text: String, scope: Scope = .everything, skip: Bool = false) throws -> ImportReport {
        let url = try bench.scratch.file("changes.csv", text)
        return try MemberChangeImporter(scope: scope, options: bench.options(skipInvalid: skip))
            .importFile(url, into: bench.database, context: Fixture.context(today: Fixture.date("2012-08-01")))
    }

    @Test("English headers: update, transfer, retire in order; audited row by row and as an import")
    func imports() throws {
        let bench = try bench()
        let report = try run(bench, """
            resident_id,change,date,unit,name,phone,hardship
            \(man),update,2012-07-01,,张叁,,yes
            \(man),transfer,2012-07-02,BH002,,,
            \(man),retired,2012-07-03,,,,
            """)
        #expect(report.summary == "imported 3 member-changes")
        let member = try bench.database.read { db in try MemberService().member(db, residentID: man)! }
        #expect(member.name == "张叁" && member.hardship && member.unitCode == "BH002" && member.status == .retired)
        #expect(try bench.database.read { db in try MemberService().history(db, residentID: man).map(\.kind) }
            == [.registered, .updated, .transferred, .retired])
        let operations = try bench.database.read { db in try AuditLog.entries(db).map(\.operation) }
        #expect(Array(operations.suffix(4)) == ["updateMember", "transferMember", "setMemberStatus", "importMemberChanges"])
    }

    @Test("every refusal at its line, nothing written; scope E250; --skip-invalid keeps the good rows")
    func refusals() throws {
        let bench = try bench()
        let file = """
            身份证号,变更,日期,单位,姓名
            \(man),fired,2012-07-01,,
            \(man),调动,2012-07-01,,
            \(man),变更,2012-07-01,,
            \(man),调动,2012-07-01,BH001,
            \(man),调动,2012-08-02,BH002,
            \(other),离职,2012-07-01,,
            \(man),调动,2012-07-05,BH002,
            """
        let failure = importFailure { _ = try run(bench, file, scope: .unit("BH")) }
        #expect(failure?.report.errors.map(\.description) == [
            "changes.csv:2: change fired: unknown change \"fired\" (expected one of update, transfer, left, retired, deceased (变更, 调动, 离职, 退休, 身故))",
            "changes.csv:3: unit: change 调动 needs unit",
            "changes.csv:4: name: change 变更 needs name",
            "changes.csv:5: unit BH001: member is already in unit BH001",
            "changes.csv:6: date 2012-08-02: 2012-08-02 is after today (2012-08-01)",
            // The service's scope failure names the member's unit as the value (as for a policies import).
            "changes.csv:7: resident_id LY001: unit LY001 is outside the scope BH",
        ])
        #expect(try bench.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM memberEvent")! } == 0)
        let skipped = try run(bench, file, scope: .unit("BH"), skip: true)
        #expect(skipped.summary.hasPrefix("imported 1 member-changes"))
        #expect(try bench.database.read { db in try MemberService().member(db, residentID: man)!.unitCode } == "BH002")
    }
}
