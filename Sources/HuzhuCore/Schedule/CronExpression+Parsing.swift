import Foundation

// MARK: - Parsing

extension CronExpression {
    /// The expressions the `@` macros stand for.
    static let macros: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
        "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    /// Parses an expression, refusing anything malformed or impossible.
    ///
    /// ```swift
    /// try CronExpression(parsing: "0 2 * * *")      // 02:00 every day
    /// try CronExpression(parsing: "61 * * * *")     // throws: minute field "61" out of range 0-59
    /// ```
    ///
    /// - Parameter text: Five fields separated by spaces or tabs, or a macro such as `@daily`.
    /// - Throws: ``CronError``, e.g. `expected 5 fields, got 4`, `minute field "61" out of range 0-59`,
    ///   `unknown month name "foo"`, `never matches: day-of-month "31" does not occur in month "2"`.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var source = trimmed
        if trimmed.hasPrefix("@") {
            guard let expansion = CronExpression.macros[trimmed.lowercased()] else {
                throw CronError("unknown schedule \"\(trimmed)\"; expected five fields or @yearly, @monthly, @weekly, @daily, @hourly")
            }
            source = expansion
        }
        let parts = source.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 5 else { throw CronError("expected 5 fields, got \(parts.count)") }
        let minutes = try CronExpression.parse(parts[0], .minute)
        let hours = try CronExpression.parse(parts[1], .hour)
        let days = try CronExpression.parse(parts[2], .dayOfMonth)
        let months = try CronExpression.parse(parts[3], .month)
        var weekdays = try CronExpression.parse(parts[4], .dayOfWeek)
        if weekdays & (1 << 7) != 0 { weekdays = (weekdays | 1) & ~(1 << 7) }   // 7 is Sunday too
        self.text = trimmed
        self.minutes = minutes
        self.hours = hours
        self.daysOfMonth = days
        self.months = months
        self.daysOfWeek = weekdays
        self.dayOfMonthStar = parts[2].hasPrefix("*")
        self.dayOfWeekStar = parts[4].hasPrefix("*")
        // Day-of-week alone always matches some day; day-of-month alone may not.
        if !dayOfMonthStar && dayOfWeekStar {
            let possible = (1...12).contains { month in
                months.contains(month) && (1...CivilDate.daysIn(month: month, year: 2000)).contains { days.contains($0) }
            }
            if !possible {
                throw CronError("never matches: day-of-month \"\(parts[2])\" does not occur in month \"\(parts[3])\"")
            }
        }
    }

    /// Parses one field into a bit set of its values.
    static func parse(_ text: Substring, _ field: CronField) throws -> UInt64 {
        var bits: UInt64 = 0
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw CronError("\(field.name) field \"\(text)\": empty list item") }
            let pieces = item.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw CronError("\(field.name) field \"\(item)\": more than one \"/\"") }
            var step = 1
            if pieces.count == 2 {
                guard let n = Int(pieces[1]), n >= 1, pieces[1].allSatisfy(\.isASCII) else {
                    throw CronError("\(field.name) field \"\(item)\": step \"\(pieces[1])\" is not a positive whole number")
                }
                step = n
            }
            let base = pieces[0]
            let low: Int, high: Int
            let last = field == .dayOfWeek ? 6 : field.range.upperBound
            if base == "*" {
                low = field.range.lowerBound
                high = last
            } else if let dash = base.firstIndex(of: "-") {
                let from = base[..<dash], to = base[base.index(after: dash)...]
                guard !from.isEmpty, !to.isEmpty else { throw CronError("\(field.name) field \"\(item)\": a range needs a start and an end") }
                low = try value(from, field)
                var end = try value(to, field)
                if field == .dayOfWeek, end == 0, to.lowercased() == "sun" { end = 7 }   // fri-sun
                guard low <= end else {
                    throw CronError("\(field.name) field \"\(item)\": range \(from)-\(to) runs backwards")
                }
                high = end
            } else {
                low = try value(base, field)
                high = pieces.count == 2 ? last : low
            }
            for v in stride(from: low, through: high, by: step) { bits |= 1 << UInt64(v) }
        }
        return bits
    }

    /// A number or (for months and weekdays) a three-letter name.
    static func value(_ token: Substring, _ field: CronField) throws -> Int {
        if token.allSatisfy({ $0.isASCII && $0.isNumber }) {
            guard let n = Int(token), field.range.contains(n) else {
                throw CronError("\(field.name) field \"\(token)\" out of range \(field.range.lowerBound)-\(field.range.upperBound)")
            }
            return n
        }
        if let kind = field.nameKind, token.allSatisfy({ $0.isLetter }) {
            guard let n = field.names[token.lowercased()] else { throw CronError("unknown \(kind) \"\(token)\"") }
            return n
        }
        throw CronError("\(field.name) field \"\(token)\" is not a number")
    }
}
