import HuzhuCore
import LuaHost

/// The subsidy rule's input `e` and the checking of its result.
enum SubsidyValues {
    /// `e` as the rule sees it (documented in docs/lua-api.md, "Subsidy rules").
    static func input(_ i: SubsidyInput) -> LuaValue {
        var e: [String: LuaValue] = [
            "policy": .table([
                "plan": .string(i.plan.code), "plan_kind": .string(i.plan.kind.rawValue), "term": .string(i.term.label),
                "year": .integer(Int64(i.term.year)), "shares": .integer(Int64(i.shares)),
                "contribution": .integer(i.contribution.fen), "start": .string(i.start.description), "end": .string(i.end.description),
            ]),
            "member": .table([
                "resident_id": .string(i.member.residentID.value), "name": .string(i.member.name),
                "hardship": .boolean(i.member.hardship), "gender": .string(i.member.gender == .male ? "male" : "female"),
                "age": .integer(Int64(i.ageAtStart)), "unit": .string(i.member.unitCode),
                "units": .array(i.unitChain.map(LuaValue.string)),
            ]),
            "date": .string(i.decidedOn.description),
        ]
        if let b = i.budget {
            e["budget"] = .table(["unit": .string(b.unitCode), "year": .integer(Int64(b.year)), "amount": .integer(b.amount.fen),
                                  "used": .integer(b.used.fen), "remaining": .integer(b.remaining.fen)])
        }
        return .table(e)
    }

    static let parts = ["administration", "union", "member"]

    /// The split a rule returned, or an error naming the script, the line and the field.
    static func split(from results: [LuaValue], script: String, line: Int?) throws -> ContributionSplit {
        let place = line.map { "\(script):\($0): " } ?? "\(script): "
        guard let first = results.first, case .table(let fields) = first else {
            // A list such as {2600, 0, 0} is a table too: say which kind was given.
            let got = results.first.map { if case .array = $0 { return "a list" } else { return $0.typeName } } ?? "nothing"
            throw ScriptingError(place + "subsidy() returned \(got), expected a table {administration = …, union = …, member = …} in fen")
        }
        for key in fields.keys.sorted() where !parts.contains(key) {
            throw ScriptingError(place + "subsidy() result has an unexpected field '\(key)' (expected administration, union, member)")
        }
        var fen: [Int64] = []
        for part in parts {
            guard let value = fields[part] else {
                throw ScriptingError(place + "subsidy() result field '\(part)' is missing")
            }
            switch value {
            case .integer(let i): fen.append(i)
            case .number(let d) where d.isNaN || d.isInfinite:
                throw ScriptingError(place + "subsidy() result field '\(part)' is \(LuaValue.format(number: d)), not a number of fen")
            case .number(let d):
                guard let whole = value.integerValue else {
                    if d.rounded() == d {
                        throw ScriptingError(place + "subsidy() result field '\(part)' is \(LuaValue.format(number: d)), too large for fen")
                    }
                    throw ScriptingError(place + "subsidy() result field '\(part)' is \(LuaValue.format(number: d)), not a whole number of fen (use huzhu.round, huzhu.share or huzhu.split)")
                }
                fen.append(whole)
            default:
                throw ScriptingError(place + "subsidy() result field '\(part)' is a \(value.typeName), expected an integer number of fen")
            }
        }
        return ContributionSplit(administration: Money(fen: fen[0]), union: Money(fen: fen[1]), member: Money(fen: fen[2]))
    }
}
