import HuzhuCore
import LuaHost

/// The appraisal rule's inputs and the checking of its results.
enum AppraisalValues {
    /// `period` as the rule sees it: name (H1 or YEAR), year, from, to,
    /// elapsed (percent of the year gone by `to`) and final (true for YEAR).
    static func period(_ period: AppraisalPeriod, year: Int) -> LuaValue {
        .table([
            "name": .string(period.rawValue), "year": .integer(Int64(year)),
            "from": .string(period.from(year).description), "to": .string(period.asOf(year).description),
            "elapsed": .number(TargetProgress.elapsed(period.asOf(year))), "final": .boolean(period.isFinal),
        ])
    }

    /// A number a rule returned: finite and 0 or more, or an error naming what it was.
    private static func points(_ value: LuaValue, what: String, place: String) throws -> Double {
        let d: Double
        switch value {
        case .integer(let i): d = Double(i)
        case .number(let n): d = n
        default: throw ScriptingError(place + "\(what) is a \(value.typeName), expected a number")
        }
        guard d.isFinite else { throw ScriptingError(place + "\(what) is \(LuaValue.format(number: d)), not a number") }
        return d
    }

    /// The score `score(unit, indicators, period)` returned: `total, breakdown`.
    static func score(from results: [LuaValue], script: String, line: Int?, unit: String, notes: [String]) throws -> AppraisalScore {
        let place = (line.map { "\(script):\($0): " } ?? "\(script): ") + "score() for unit \(unit): "
        guard let first = results.first, first != .nil else {
            throw ScriptingError(place + "returned nothing, expected a total (a number) and a table of points per indicator")
        }
        let total = try points(first, what: "the total", place: place)
        guard total >= 0 else {
            let shown = first.integerValue.map(String.init) ?? LuaValue.format(number: total)
            throw ScriptingError(place + "the total is \(shown); a score must be 0 or more")
        }
        var breakdown: [String: Double] = [:]
        if results.count > 1, results[1] != .nil {
            guard case .table(let fields) = results[1] else {
                throw ScriptingError(place + "the breakdown is a \(results[1].typeName), expected a table of points per indicator")
            }
            for (name, value) in fields {
                breakdown[name] = try points(value, what: "breakdown '\(name)'", place: place)
            }
        }
        return AppraisalScore(total: total, breakdown: breakdown, notes: notes)
    }

    /// The reward `reward(rank, score, unit, count)` returned: whole fen, 0 or more.
    static func reward(from results: [LuaValue], script: String, line: Int?, rank: Int, unit: String) throws -> Money {
        let place = (line.map { "\(script):\($0): " } ?? "\(script): ") + "reward() for rank \(rank) (unit \(unit)): "
        let value = results.first ?? .nil
        let fen: Int64
        switch value {
        case .integer(let i): fen = i
        case .number(let d) where !d.isFinite:
            throw ScriptingError(place + "returned \(LuaValue.format(number: d)), not a number of fen")
        case .number(let d):
            guard let whole = value.integerValue else {
                if d.rounded() == d { throw ScriptingError(place + "returned \(LuaValue.format(number: d)), too large for fen") }
                throw ScriptingError(place + "returned \(LuaValue.format(number: d)), not a whole number of fen (use huzhu.round or huzhu.share)")
            }
            fen = whole
        case .nil:
            throw ScriptingError(place + "returned nothing, expected an integer number of fen (0 for no reward)")
        default:
            throw ScriptingError(place + "returned a \(value.typeName), expected an integer number of fen")
        }
        guard fen >= 0 else { throw ScriptingError(place + "returned \(Money(fen: fen)); a reward must be 0 or more fen") }
        return Money(fen: fen)
    }
}
