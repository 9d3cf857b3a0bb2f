import Foundation
import HuzhuCore
import LuaHost

// MARK: - One run

extension Scheduler {
    /// What taking a job's lock came to.
    enum LockOutcome {
        case held(JobLock)
        /// Another run holds it and the overlap policy is "skip": logged.
        case skipped(JobRun)
        /// The scheduled time is being run by another scheduler: nothing to do.
        case claimedElsewhere
        /// A stop was requested while waiting.
        case stopped
    }

    /// Runs one scheduled time (or a run by hand) of a job, following the
    /// steps in ``Scheduler``'s overview.
    ///
    /// - Returns: The row as it ended, or nil when there was nothing to do.
    func execute(_ job: ScheduledJob, trigger: JobRun.Trigger, scheduledAt: Date?, note: String?, now: Date) throws -> JobRun? {
        let lock: JobLock
        switch try takeLock(job, trigger: trigger, scheduledAt: scheduledAt) {
        case .held(let held): lock = held
        case .skipped(let row):
            onRecord?(row)
            return row
        case .claimedElsewhere, .stopped:
            return nil
        }
        defer { lock.release() }
        _ = try markStale(job: job.name)
        if let scheduledAt, try database.read({ try JobRunLog.isClaimed($0, job: job.name, scheduledAt: scheduledAt) }) {
            return nil
        }
        if stop.isRequested { return nil }

        // The script: a missing or unreadable one, or one whose path leads out
        // of the workspace through a symbolic link, is a failed run.
        let scriptURL = root.appendingPathComponent(job.script)
        let realRoot = root.resolvingSymlinksInPath().standardizedFileURL.path
        let realScript = scriptURL.resolvingSymlinksInPath().standardizedFileURL.path
        if !realScript.hasPrefix(realRoot + "/") {
            let row = newRow(job, trigger: trigger, scheduledAt: scheduledAt, status: .failed,
                             message: "the script \(job.script) leads outside the workspace (a symbolic link); "
                                 + "copy the script into scripts/ instead")
            guard let claimed = try database.write({ try JobRunLog.claim($0, row) }) else { return nil }
            onRecord?(claimed)
            return claimed
        }
        guard let data = FileManager.default.contents(atPath: scriptURL.path),
              let source = String(data: data, encoding: .utf8) else {
            let reason = FileManager.default.fileExists(atPath: scriptURL.path) ? "is not readable UTF-8 text" : "does not exist"
            let row = newRow(job, trigger: trigger, scheduledAt: scheduledAt, status: .failed,
                             message: "the script \(job.script) \(reason)")
            guard let claimed = try database.write({ try JobRunLog.claim($0, row) }) else { return nil }
            onRecord?(claimed)
            return claimed
        }
        var row = newRow(job, trigger: trigger, scheduledAt: scheduledAt, status: .running, message: note)
        row.scriptSHA256 = ScriptRunner.sha256(source)
        guard let started = try database.write({ try JobRunLog.claim($0, row) }), let id = started.id else { return nil }
        onStart?(started)

        let status: JobRun.Status
        var message: String?
        let capture: OutputCapture
        do {
            let outputPath = job.outputPath(at: scheduledAt ?? now, run: id, businessDate: config.today)
            capture = try OutputCapture(finalURL: outputPath.map { root.appendingPathComponent($0) }, workspace: root,
                                        relativePath: outputPath)
        } catch {
            try finish(id, .failed, message: "cannot write the output of \(job.name): \(error)", tail: nil)
            let finished = try reread(id)
            onRecord?(finished)
            return finished
        }
        capture.echo = echo
        do {
            let runner = try makeRunner(job, now: now)
            runner.host.output = { bytes in capture.write(bytes) }
            stop.attach(runner.host.canceller)
            defer { stop.attach(nil) }
            let endWatch = (job.timeout ?? config.limits.timeout).flatMap { timeout in watchdog?(job, timeout) }
            defer { endWatch?() }
            try runner.run(source: source, name: job.script, arguments: job.arguments.map { .string($0) }) { db, outcome in
                try capture.keepFile()
                var parts = [note, Scheduler.describe(outcome.changes)].compactMap { $0 }
                if let path = job.outputPath(at: scheduledAt ?? now, run: id, businessDate: config.today) {
                    parts.append("output saved to \(path)")
                }
                try JobRunLog.finish(db, id: id, status: .succeeded, at: clock(), message: parts.joined(separator: "; "),
                                     outputTail: capture.tail)
            }
            let finished = try reread(id)
            onRecord?(finished)
            return finished
        } catch let error as LuaError where error.kind == .cancelled {
            status = .interrupted
            message = "interrupted by \(stop.reason ?? "a stop request") (\(error.message)); its writes were rolled back"
        } catch let error as LuaError {
            status = .failed
            message = error.report
        } catch {
            status = .failed
            message = "\(error)"
        }
        capture.discardFile()
        try finish(id, status, message: [note, message].compactMap { $0 }.joined(separator: "; "), tail: capture.tail)
        let finished = try reread(id)
        onRecord?(finished)
        return finished
    }

    private func finish(_ id: Int64, _ status: JobRun.Status, message: String?, tail: String?) throws {
        try database.write { db in
            try JobRunLog.finish(db, id: id, status: status, at: clock(), message: message, outputTail: tail)
        }
    }

    private func reread(_ id: Int64) throws -> JobRun {
        guard let row = try database.read({ try JobRunLog.run($0, id: id) }) else {
            throw CocoaError(.coderValueNotFound)
        }
        return row
    }

    /// A runner for one run: the workspace's operator, business date and
    /// limits, the job's timeout, `require` from the workspace's `scripts/`.
    func makeRunner(_ job: ScheduledJob, now: Date) throws -> ScriptRunner {
        let zone = TimeZone(identifier: config.timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!
        var context = WriteContext(operator: operatorName, today: config.today ?? CivilDate.today(in: zone, now: now))
        context.dueDays = config.money.dueDays
        let defaults = LuaLimits()
        let limits = LuaLimits(
            memory: config.limits.maxMemoryMiB.map { $0 << 20 } ?? defaults.memory,
            instructions: config.limits.maxInstructions ?? defaults.instructions,
            timeout: job.timeout ?? config.limits.timeout,
            output: defaults.output)
        return try ScriptRunner(database: database, databasePath: databasePath, context: context,
                                limits: limits, scriptRoot: root.appendingPathComponent(Workspace.scriptsName))
    }

    /// Takes the job's lock, following its overlap policy when another run holds it.
    func takeLock(_ job: ScheduledJob, trigger: JobRun.Trigger, scheduledAt: Date?) throws -> LockOutcome {
        if let lock = try JobLock.tryAcquire(job: job.name, in: locksURL) { return .held(lock) }
        switch job.overlap {
        case .queue:
            guard let lock = try JobLock.acquire(job: job.name, in: locksURL, shouldStop: { stop.isRequested }) else {
                return .stopped
            }
            return .held(lock)
        case .skip:
            // The holder writes its row just after taking the lock: give it a moment to appear.
            let deadline = Date().addingTimeInterval(holderWait)
            while true {
                let holder = try database.read { try JobRunLog.running($0, job: job.name).last }
                if holder != nil || Date() >= deadline {
                    if let holder, let scheduledAt, holder.scheduledDate == scheduledAt { return .claimedElsewhere }
                    let by = holder.map { h -> String in
                        let when = h.scheduledDate.map { "scheduled \(ZonedTime.format($0, in: job.timeZone))" } ?? "started by hand"
                        return "run \(h.id ?? 0) (\(when), pid \(h.pid ?? 0)) was still running"
                    } ?? "another scheduler held the job's lock"
                    let row = newRow(job, trigger: trigger, scheduledAt: scheduledAt, status: .skipped,
                                     message: "\(by) (overlap = \"skip\")")
                    guard let claimed = try database.write({ try JobRunLog.claim($0, row) }) else { return .claimedElsewhere }
                    return .skipped(claimed)
                }
                if let lock = try JobLock.tryAcquire(job: job.name, in: locksURL) { return .held(lock) }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// `enrollmentBatch 1 added, policy 3 added`, or `no changes`.
    static func describe(_ changes: [TableChange]) -> String {
        guard !changes.isEmpty else { return "no changes" }
        let verbs = ["insert": "added", "update": "changed", "delete": "deleted"]
        return "changes: " + changes.map { "\($0.tableName) \($0.count) \(verbs[$0.action] ?? $0.action)" }.joined(separator: ", ")
    }
}
