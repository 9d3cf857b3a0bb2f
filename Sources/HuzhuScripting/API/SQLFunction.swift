import HuzhuCore
import LuaHost

/// `huzhu.sql`: read-only ad-hoc SQL.
enum SQLFunction {
    /// The function's name in the `huzhu` module.
    static let name = "sql"

    static func add(to m: inout LuaModule, _ state: RunState) {
        m.function(name, doc: LuaDoc(
            "Runs one read-only SQL statement and returns its rows as tables keyed by column name, then the column names in SELECT order (a row's keys have no order). SQLite itself refuses writes; a scoped run sees only its subtree. It reads the last committed data.",
            params: [.init("query", "string"), .init("params", "any[]?", "values for the ? placeholders")],
            returns: [.init("table[]"), .init("string[]", "the column names in SELECT order")])) { call in
            let query = try call.string(1)
            var arguments: [ReadOnlySQL.Value] = []
            if !call.isNil(2) {
                guard case .array(let items) = try call.value(2) else {
                    if case .table(let t) = try call.value(2), t.isEmpty { return try run(call, state, query, []) }
                    throw LuaArgumentError(position: 2, function: name, problem: "array of values expected")
                }
                arguments = try items.enumerated().map { i, item in
                    switch item {
                    case .nil: return .null
                    case .boolean(let b): return .integer(b ? 1 : 0)
                    case .integer(let v): return .integer(v)
                    case .number(let v): return .real(v)
                    case .string(let s): return .text(s)
                    default: throw LuaArgumentError(position: 2, function: name, problem: "value #\(i + 1) is a \(item.typeName)")
                    }
                }
            }
            return try run(call, state, query, arguments)
        }
    }

    static func run(_ call: LuaCall, _ state: RunState, _ query: String, _ arguments: [ReadOnlySQL.Value]) throws -> Int32 {
        // The result counts against the memory limit as it is built, and SQLite's
        // steps against the instruction budget (the timeout and Ctrl-C are checked
        // with them); a limit hit stops the query and the run with the limit's error.
        let budget = call.budget
        let limits = ReadOnlySQL.QueryLimits(maxBytes: budget.memoryLeft, progress: { budget.charge($0) })
        let result: ReadOnlySQL.Result
        do { result = try state.readOnlySQL().query(query, arguments, limits: limits) } catch let error as ReadOnlySQL.QueryError {
            if error.kind == .tooLarge { budget.exceedMemory() }
            throw ScriptingError("huzhu.\(name): \(error.message)")
        }
        let rows: [LuaValue] = result.rows.map { row in
            var fields: [String: LuaValue] = [:]
            for (name, value) in zip(result.columns, row) {
                switch value {
                case .null: continue
                case .integer(let v): fields[name] = .integer(v)
                case .real(let v): fields[name] = .number(v)
                case .text(let s): fields[name] = .string(s)
                case .blob(let b): fields[name] = .string(String(decoding: b, as: UTF8.self))
                }
            }
            return .table(fields)
        }
        return try call.push(.array(rows)) + call.push(.array(result.columns.map(LuaValue.string)))
    }
}
