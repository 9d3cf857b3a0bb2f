import Foundation
import GRDB
import HuzhuCore
import Testing

@Suite("The run log (jobRun) and job locks")
struct ScheduleRunLogTests {
    func row(_ job: String, scheduled: String?, started: String, status: JobRun.Status) -> JobRun {
        JobRun(job: job, trigger: scheduled == nil ? .manual : .schedule, scheduledAt: scheduled.map { instant($0) },
               startedAt: instant(started), endedAt: status == .running ? nil : instant(started), status: status, pid: 1)
    }

    @Test("a scheduled time is claimed once; runs by hand never collide")
    func claimOnce() throws {
        let database = try HuzhuDatabase.inMemory()
        try database.write { db in
            let first = try JobRunLog.claim(db, row("a", scheduled: "2026-09-30 02:00", started: "2026-09-30 02:00", status: .running))
            #expect(first?.id == 1)
            #expect(try JobRunLog.claim(db, row("a", scheduled: "2026-09-30 02:00", started: "2026-09-30 02:00", status: .skipped)) == nil)
            #expect(try JobRunLog.claim(db, row("b", scheduled: "2026-09-30 02:00", started: "2026-09-30 02:00", status: .running))?.id == 2)
            #expect(try JobRunLog.claim(db, row("a", scheduled: nil, started: "2026-09-30 03:00", status: .succeeded))?.id == 3)
            #expect(try JobRunLog.claim(db, row("a", scheduled: nil, started: "2026-09-30 03:00", status: .succeeded))?.id == 4)
            #expect(try JobRunLog.isClaimed(db, job: "a", scheduledAt: instant("2026-09-30 02:00")))
            #expect(try JobRunLog.lastScheduled(db, job: "a") == instant("2026-09-30 02:00"))
            #expect(try JobRunLog.lastScheduled(db, job: "c") == nil)
        }
        let stored = try database.read { db in try JobRunLog.run(db, id: 1) }
        #expect(stored?.scheduledAt == "2026-09-29T18:00:00.000Z")
        #expect(stored?.scheduledDate == instant("2026-09-30 02:00"))
    }

    @Test("retention deletes old finished rows but keeps each job's latest scheduled row and running rows")
    func retention() throws {
        let database = try HuzhuDatabase.inMemory()
        let deleted = try database.write { db -> Int in
            for (scheduled, status) in [("2026-01-01 02:00", JobRun.Status.succeeded), ("2026-01-02 02:00", .failed), ("2026-09-29 02:00", .succeeded)] {
                _ = try JobRunLog.claim(db, row("daily", scheduled: scheduled, started: scheduled, status: status))
            }
            _ = try JobRunLog.claim(db, row("yearly", scheduled: "2026-01-01 00:00", started: "2026-01-01 00:00", status: .succeeded))
            _ = try JobRunLog.claim(db, row("stuck", scheduled: "2026-01-01 00:00", started: "2026-01-01 00:00", status: .running))
            _ = try JobRunLog.claim(db, row("daily", scheduled: nil, started: "2026-01-05 09:00", status: .succeeded))
            return try JobRunLog.prune(db, keepDays: 90, now: instant("2026-09-30 00:00"))
        }
        #expect(deleted == 3)   // daily 01-01, daily 01-02, the run by hand of 01-05
        let left = try database.read { db in try JobRunLog.recent(db, limit: 10) }.map { "\($0.job) \($0.scheduledAt ?? "-")" }
        #expect(left == ["stuck 2025-12-31T16:00:00.000Z", "yearly 2025-12-31T16:00:00.000Z", "daily 2026-09-28T18:00:00.000Z"])
        #expect(try database.write { db in try JobRunLog.prune(db, keepDays: 0, now: instant("2030-01-01 00:00")) } == 0)
    }

    @Test("marking a dead process's runs interrupted names the process")
    func markInterrupted() throws {
        let database = try HuzhuDatabase.inMemory()
        try database.write { db in
            var stale = row("a", scheduled: "2026-09-30 02:00", started: "2026-09-30 02:00", status: .running)
            stale.pid = 4242
            stale.host = "union-server"
            _ = try JobRunLog.claim(db, stale)
            let marked = try JobRunLog.markInterrupted(db, job: "a", at: instant("2026-09-30 03:00"))
            #expect(marked.count == 1)
        }
        let after = try #require(try database.read { db in try JobRunLog.run(db, id: 1) })
        #expect(after.status == .interrupted)
        #expect(after.message == "the scheduler process (pid 4242 on union-server) ended during the run; its writes were rolled back")
        #expect(after.endedDate == instant("2026-09-30 03:00"))
    }

    @Test("the output tail keeps the last bytes, cut at a character boundary")
    func tail() {
        let text = Array("包河区".utf8)   // three 3-byte characters
        #expect(JobRunLog.tail(of: text, limit: 9) == "包河区")
        #expect(JobRunLog.tail(of: text, limit: 7) == "河区")   // 7 bytes would start inside 包
        #expect(JobRunLog.tail(of: Array("abc".utf8), limit: 2) == "bc")
    }

    @Test("a job lock excludes a second holder, in this process too, and is free again once released")
    func lock() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("huzhu-locks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try #require(try JobLock.tryAcquire(job: "nightly", in: folder))
        #expect(try JobLock.tryAcquire(job: "nightly", in: folder) == nil)
        #expect(try JobLock.isHeld(job: "nightly", in: folder))
        #expect(try JobLock.isHeld(job: "other", in: folder) == false)
        let holder = try String(contentsOf: folder.appendingPathComponent("nightly.lock"), encoding: .utf8)
        #expect(holder.hasPrefix("pid \(getpid()) on "))
        first.release()
        #expect(try JobLock.isHeld(job: "nightly", in: folder) == false)
        var polls = 0
        let stopped = try JobLock.acquire(job: "x", in: folder, interval: 0.01) { polls += 1; return true }
        #expect(stopped != nil)   // free: taken at once, never asked to stop
        #expect(polls == 0)
        let waited = try JobLock.acquire(job: "x", in: folder, interval: 0.01) { polls += 1; return polls >= 3 }
        #expect(waited == nil)   // held by `stopped`: gave up when told to
        #expect(polls == 3)
    }
}
