import Foundation
import TOMLKit

// MARK: - Reading [[jobs]] and [schedule] from huzhu.toml

extension ScheduledJob {
    static let keys: Set<String> = ["name", "script", "cron", "timezone", "overlap", "catch_up", "timeout", "args", "enabled", "output"]
    static let placeholders: Set<String> = ["date", "time", "job", "run"]

    /// Reads the `[[jobs]]` tables, appending every problem to `problems`.
    ///
    /// Each problem names the job by its place in the file, counted from 1
    /// as a reader counts the `[[jobs]]` headers, and the field:
    /// `jobs[2].cron: minute field "61" out of range 0-59`.
    ///
    /// - Parameters:
    ///   - value: The value of the top-level `jobs` key, if any.
    ///   - defaultZone: The zone of jobs that give no `timezone`.
    ///   - problems: Where problems are collected.
    /// - Returns: The jobs that are valid, in file order.
    static func parseAll(_ value: TOMLValueConvertible?, defaultZone: String, problems: inout [String]) -> [ScheduledJob] {
        guard let value else { return [] }
        guard let array = value.array else {
            problems.append("jobs: expected [[jobs]] tables")
            return []
        }
        var jobs: [ScheduledJob] = []
        var firstUse: [String: Int] = [:]
        for (offset, element) in array.enumerated() {
            let place = "jobs[\(offset + 1)]"
            guard let table = element.table else {
                problems.append("\(place): expected a table")
                continue
            }
            let job = parse(table, place: place, defaultZone: defaultZone, problems: &problems)
            if let name = table["name"]?.string {
                if let first = firstUse[name] {
                    problems.append("\(place).name: \"\(name)\" is already the name of jobs[\(first)]")
                    continue
                }
                firstUse[name] = offset + 1
            }
            if let job { jobs.append(job) }
        }
        return jobs
    }

    /// Reads one `[[jobs]]` table; nil if it has a problem.
    static func parse(_ table: TOMLTable, place: String, defaultZone: String, problems: inout [String]) -> ScheduledJob? {
        let before = problems.count
        for key in table.keys.sorted() where !keys.contains(key) {
            problems.append("\(place).\(key): unknown key")
        }
        func string(_ key: String, required: Bool) -> String? {
            guard let value = table[key] else {
                if required { problems.append("\(place).\(key): missing") }
                return nil
            }
            guard let text = value.string else {
                problems.append("\(place).\(key): expected a string")
                return nil
            }
            return text
        }
        let name = string("name", required: true)
        if let name, !isValidName(name) {
            problems.append("\(place).name: \"\(name)\" may hold only letters, digits, \"-\", \"_\" and \".\" (at most 64, not starting with \".\")")
        }
        let script = string("script", required: true)
        if let script, !isInsideWorkspace(script) {
            problems.append("\(place).script: \"\(script)\" must be a relative path inside the workspace, such as \"scripts/jobs/nightly.lua\"")
        }
        var cron: CronExpression?
        if let text = string("cron", required: true) {
            do { cron = try CronExpression(parsing: text) } catch let error as CronError {
                problems.append("\(place).cron: \(error.description)")
            } catch {
                problems.append("\(place).cron: \(error)")
            }
        }
        var zone = TimeZone(identifier: defaultZone) ?? TimeZone(identifier: "Asia/Shanghai")!
        if let text = string("timezone", required: false) {
            if let found = TimeZone(identifier: text) { zone = found } else {
                problems.append("\(place).timezone: unknown time zone \"\(text)\"; expected a name such as \"Asia/Shanghai\"")
            }
        }
        var overlap = Overlap.skip
        if let text = string("overlap", required: false) {
            if let found = Overlap(rawValue: text) { overlap = found } else {
                problems.append("\(place).overlap: expected \"skip\" or \"queue\", got \"\(text)\"")
            }
        }
        var catchUp = CatchUp.none
        if let text = string("catch_up", required: false) {
            if let found = CatchUp(rawValue: text) { catchUp = found } else {
                problems.append("\(place).catch_up: expected \"none\" or \"once\", got \"\(text)\"")
            }
        }
        var timeout: Double?
        if let value = table["timeout"] {
            if value.type == .int, let i = value.int, i > 0 { timeout = Double(i) }
            else if value.type == .double, let d = value.double, d > 0, d.isFinite { timeout = d }
            else { problems.append("\(place).timeout: expected a positive number of seconds") }
        }
        var arguments: [String] = []
        if let value = table["args"] {
            if let array = value.array {
                for (i, element) in array.enumerated() {
                    if let text = element.string { arguments.append(text) }
                    else { problems.append("\(place).args[\(i + 1)]: expected a string") }
                }
            } else {
                problems.append("\(place).args: expected an array of strings")
            }
        }
        var enabled = true
        if let value = table["enabled"] {
            if value.type == .bool, let flag = value.bool { enabled = flag }
            else { problems.append("\(place).enabled: expected true or false") }
        }
        let output = string("output", required: false)
        if let output {
            if WorkspaceFiles.namesProtectedFile(output) {
                problems.append("\(place).output: \"\(output)\" names the workspace's own file; write the output elsewhere, such as \"reports/{job}-{date}.txt\"")
            } else if !isInsideWorkspace(output) {
                problems.append("\(place).output: \"\(output)\" must be a relative path inside the workspace, such as \"reports/{job}-{date}.txt\"")
            }
            for unknown in placeholderNames(in: output) where !placeholders.contains(unknown) {
                problems.append("\(place).output: unknown placeholder {\(unknown)}; expected {date}, {time}, {job} or {run}")
            }
        }
        guard problems.count == before, let name, let script, let cron else { return nil }
        return ScheduledJob(name: name, script: script, cron: cron, timeZone: zone, overlap: overlap, catchUp: catchUp,
                            timeout: timeout, arguments: arguments, enabled: enabled, output: output)
    }

    /// Whether a name can name a job (and its lock file).
    static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 64, !name.hasPrefix(".") else { return false }
        return name.unicodeScalars.allSatisfy { s in
            s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_" || s == "."
        }
    }

    /// Whether a path stays inside the workspace: relative, no `..`, not empty.
    static func isInsideWorkspace(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("~") else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    static func placeholderNames(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

extension ScheduleSettings {
    /// Reads the `[schedule]` table, appending every problem to `problems`.
    static func parse(_ value: TOMLValueConvertible?, problems: inout [String]) -> ScheduleSettings {
        var settings = ScheduleSettings()
        guard let value else { return settings }
        guard let table = value.table else {
            problems.append("schedule: expected a table")
            return settings
        }
        for key in table.keys.sorted() where key != "keep_days" {
            problems.append("schedule.\(key): unknown key")
        }
        if let v = table["keep_days"] {
            if v.type == .int, let days = v.int, days >= 0 { settings.keepDays = days }
            else { problems.append("schedule.keep_days: expected a whole number of days, 0 or more (0 keeps every run)") }
        }
        return settings
    }
}
