import Foundation

/// One figure in the plain form scripts and stored appraisals see:
/// the indicators as nested fields with snake_case names (docs/lua-api.md,
/// "Indicators"). Money stays integer fen.
public indirect enum IndicatorValue: Hashable, Sendable, Codable {
    case integer(Int64)
    case number(Double)
    case text(String)
    case boolean(Bool)
    case fields([String: IndicatorValue])

    /// The value as a number (integers widened), or `nil`.
    public var number: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }

    /// JSON text with sorted keys (for storage). Written by hand: an
    /// appraisal stores one per unit, and Foundation's encoder was most of
    /// the time of storing 5,000 results.
    public var jsonText: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .integer(let i): out += String(i)
        case .number(let d): out += d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)") : "null"
        case .text(let s): out += JSONText.quote(s)
        case .boolean(let b): out += b ? "true" : "false"
        case .fields(let fields):
            out += "{"
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                out += JSONText.quote(key)
                out += ":"
                fields[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    /// A JSON array of strings, e.g. a rule's notes.
    static func jsonArray(_ strings: [String]) -> String {
        var out = "["
        for (index, text) in strings.enumerated() {
            if index > 0 { out += "," }
            out += JSONText.quote(text)
        }
        return out + "]"
    }



    /// Reads stored JSON text back; a whole number comes back as an integer.
    public init(jsonText: String) throws {
        self = try JSONDecoder().decode(IndicatorValue.self, from: Data(jsonText.utf8))
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let b = try? container.decode(Bool.self) { self = .boolean(b) }
        else if let i = try? container.decode(Int64.self) { self = .integer(i) }
        else if let d = try? container.decode(Double.self) { self = .number(d) }
        else if let s = try? container.decode(String.self) { self = .text(s) }
        else { self = .fields(try container.decode([String: IndicatorValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let i): try container.encode(i)
        case .number(let d): try container.encode(d)
        case .text(let s): try container.encode(s)
        case .boolean(let b): try container.encode(b)
        case .fields(let f): try container.encode(f)
        }
    }
}

extension Indicators {
    /// The figures as fields: `unit`, `from`, `to`, `employees`, `enrolled`,
    /// `participation`, `coverage` (plan → members), `policies`,
    /// `contributions` {total, administration, union, member},
    /// `claims` {reported, rejected, paid, amount_paid, average_days?, p90_days?,
    /// overdue, overdue_days}, and `target` when one is set.
    public var fields: IndicatorValue {
        var claims: [String: IndicatorValue] = [
            "reported": .integer(Int64(claimsReported)), "rejected": .integer(Int64(claimsRejected)),
            "paid": .integer(Int64(claimsPaid)), "amount_paid": .integer(amountPaid.fen),
            "overdue": .integer(Int64(overdueClaims)), "overdue_days": .integer(Int64(overdueDays)),
        ]
        if let averageDaysToPay { claims["average_days"] = .number(averageDaysToPay) }
        if let p90DaysToPay { claims["p90_days"] = .integer(Int64(p90DaysToPay)) }
        var all: [String: IndicatorValue] = [
            "unit": .text(unitCode), "from": .text(from.description), "to": .text(to.description),
            "employees": .integer(Int64(employees)), "enrolled": .integer(Int64(enrolledMembers)),
            "participation": .number(participation),
            "coverage": .fields(coverage.mapValues { .integer(Int64($0)) }),
            "policies": .integer(Int64(policies)),
            "contributions": .fields([
                "total": .integer(contributions.fen), "administration": .integer(split.administration.fen),
                "union": .integer(split.union.fen), "member": .integer(split.member.fen),
            ]),
            "claims": .fields(claims),
        ]
        if let target { all["target"] = target.fields }
        return .fields(all)
    }
}

extension TargetProgress {
    /// The progress as fields: `unit`, `year`, `plan?`, `as_of`, `members`,
    /// `contributions` (the target), `enrolled`, `collected`,
    /// `members_completion`, `contributions_completion`, `completion`,
    /// `elapsed`, `on_track`, `reached_on?`.
    public var fields: IndicatorValue {
        var all: [String: IndicatorValue] = [
            "unit": .text(target.unitCode), "year": .integer(Int64(target.year)), "as_of": .text(asOf.description),
            "members": .integer(Int64(target.members)), "contributions": .integer(target.contributions.fen),
            "enrolled": .integer(Int64(enrolledMembers)), "collected": .integer(contributions.fen),
            "members_completion": .number(membersCompletion), "contributions_completion": .number(contributionsCompletion),
            "completion": .number(completion), "elapsed": .number(elapsed), "on_track": .boolean(onTrack),
        ]
        if let plan = target.planCode { all["plan"] = .text(plan) }
        if let reachedOn { all["reached_on"] = .text(reachedOn.description) }
        return .fields(all)
    }
}
