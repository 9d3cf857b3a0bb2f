import Foundation
import HuzhuCore
import Testing

@Suite("run-due: what is due after a gap, per catch-up policy")
struct ScheduleDuePlanTests {
    func job(_ cron: String = "0 2 * * *", catchUp: ScheduledJob.CatchUp) throws -> ScheduledJob {
        ScheduledJob(name: "nightly", script: "scripts/jobs/nightly.lua", cron: try CronExpression(parsing: cron), catchUp: catchUp)
    }

    @Test("catch_up none: three days missed, the latest 30 s old runs, the other two are one skipped row")
    func noneRecentRuns() throws {
        let plan = DuePlan(job: try job(catchUp: .none), checkpoint: instant("2026-09-27 02:00"), now: instant("2026-09-30 02:00:30"))
        #expect(plan.run == instant("2026-09-30 02:00"))
        let missed = try #require(plan.missed)
        #expect(missed.count == 2)
        #expect(missed.first == instant("2026-09-28 02:00"))
        #expect(missed.last == instant("2026-09-29 02:00"))
        #expect(DuePlan.missedMessage(missed, zone: shanghai)
                == "missed 2 scheduled times from 2026-09-28 02:00 +08:00 to 2026-09-29 02:00 +08:00 (catch_up = \"none\")")
    }

    @Test("catch_up none: a latest time a minute old or more is missed too; nothing runs")
    func noneLateSkips() throws {
        let plan = DuePlan(job: try job(catchUp: .none), checkpoint: instant("2026-09-27 02:00"), now: instant("2026-09-30 02:01"))
        #expect(plan.run == nil)
        #expect(plan.missed?.count == 3)
        #expect(plan.missed?.last == instant("2026-09-30 02:00"))
        let one = DuePlan(job: try job(catchUp: .none), checkpoint: instant("2026-09-29 02:00"), now: instant("2026-09-30 09:00"))
        #expect(one.run == nil)
        #expect(DuePlan.missedMessage(try #require(one.missed), zone: shanghai)
                == "missed the scheduled time 2026-09-30 02:00 +08:00: no scheduler ran within a minute of it (catch_up = \"none\")")
    }

    @Test("catch_up once: one run for any number of missed times, nothing skipped")
    func onceRunsOnce() throws {
        let plan = DuePlan(job: try job(catchUp: .once), checkpoint: instant("2026-09-27 02:00"), now: instant("2026-09-30 09:00"))
        #expect(plan.run == instant("2026-09-30 02:00"))
        #expect(plan.missed == nil)
        #expect(plan.covers?.count == 3)
        #expect(DuePlan.coversMessage(try #require(plan.covers), zone: shanghai)
                == "catching up: one run for 3 scheduled times from 2026-09-28 02:00 +08:00 to 2026-09-30 02:00 +08:00 (catch_up = \"once\")")
        let single = DuePlan(job: try job(catchUp: .once), checkpoint: instant("2026-09-29 02:00"), now: instant("2026-09-30 09:00"))
        #expect(single.run == instant("2026-09-30 02:00"))
        #expect(DuePlan.coversMessage(try #require(single.covers), zone: shanghai) == nil)
    }

    @Test("nothing is due between scheduled times")
    func nothingDue() throws {
        for policy in ScheduledJob.CatchUp.allCases {
            let plan = DuePlan(job: try job(catchUp: policy), checkpoint: instant("2026-09-30 02:00"), now: instant("2026-09-30 23:59"))
            #expect(plan == DuePlan())
        }
    }

    @Test("a new job (no log yet) starts at the current minute: no catching up on times before it existed")
    func newJob() throws {
        for policy in ScheduledJob.CatchUp.allCases {
            #expect(DuePlan(job: try job(catchUp: policy), checkpoint: nil, now: instant("2026-09-30 02:00:59")).run == instant("2026-09-30 02:00"))
            #expect(DuePlan(job: try job(catchUp: policy), checkpoint: nil, now: instant("2026-09-30 02:05")) == DuePlan())
        }
    }

    @Test("a minutely job off for a year: counted up to the limit, the latest runs")
    func longGap() throws {
        let plan = DuePlan(job: try job("* * * * *", catchUp: .none), checkpoint: instant("2025-09-30 00:00"), now: instant("2026-09-30 00:00:10"))
        #expect(plan.run == instant("2026-09-30 00:00"))
        let missed = try #require(plan.missed)
        #expect(missed.last == instant("2026-09-29 23:59"))
        #expect(DuePlan.missedMessage(missed, zone: shanghai)
                == "missed more than 9999 scheduled times from 2025-09-30 00:01 +08:00 to 2026-09-29 23:59 +08:00 (catch_up = \"none\")")
    }
}
