import HuzhuCore
import HuzhuReport
import LuaHost

/// Reads Lua values as report values of a type, with the problem in words
/// when one does not fit: `money must be an integer number of fen, got 12.5`.
enum ReportCells {
    /// A column or figure type by its Lua name.
    static func type(_ name: String) -> ValueType? { ValueType(rawValue: name) }

    /// The problem for an unknown type name.
    static func unknownType(_ name: String) -> String {
        "unknown column type '\(name)'; expected \(ValueType.names)"
    }

    /// `value` as a `type` value, or the problem.
    static func convert(_ value: LuaValue, as type: ValueType) -> Result<ReportValue, Problem> {
        switch type {
        case .integer, .money, .percent:
            switch value {
            case .integer(let i): return .success(.integer(i))
            case .number(let d):
                if let i = value.integerValue { return .success(.integer(i)) }
                let unit = type == .money ? "an integer number of fen" : type == .percent ? "an integer number of basis points (1234 = 12.34%)" : "an integer"
                return .failure(Problem("\(type.rawValue) must be \(unit), got \(LuaValue.format(number: d))"))
            default: return .failure(Problem("\(type.rawValue) expected (integer), got \(value.typeName)"))
            }
        case .date:
            guard case .string(let text) = value else { return .failure(Problem("date expected (YYYY-MM-DD), got \(value.typeName)")) }
            guard let date = try? CivilDate(parsing: text) else {
                return .failure(Problem("date expected (YYYY-MM-DD), got '\(text)'"))
            }
            return .success(.date(date))
        case .text, .residentID, .phone:
            switch value {
            case .string(let s): return .success(.text(s))
            case .integer(let i) where type == .text: return .success(.text(String(i)))
            default: return .failure(Problem("\(type == .text ? "string" : "\(type.rawValue) (string)") expected, got \(value.typeName)"))
            }
        }
    }

    /// What is wrong with a value; cell values that may be personal never appear in it.
    struct Problem: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }
}
