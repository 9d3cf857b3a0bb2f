import Foundation
import Testing

/// Every `huzhu.*` function, called with extreme values in every argument and
/// every documented option: the process survives (no trap, no crash, no
/// `lua_error` across Swift frames), every refusal is an error the script can
/// catch, and the run rolls back (issue 17, item 2).
@Suite("Every huzhu function against extreme values")
struct LuaFuzzTests {
    /// One documented parameter: positional, or a table of named options.
    struct Parameter {
        var name: String
        var type: String
        var keys: [(name: String, type: String)]
    }

    /// The functions and parameters documented in docs/huzhu.d.lua.
    static func functions() throws -> [(name: String, parameters: [Parameter])] {
        let text = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/huzhu.d.lua"), encoding: .utf8)
        var found: [(String, [Parameter])] = []
        var pending: [Parameter] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("---@param ") {
                let rest = line.dropFirst("---@param ".count)
                let name = String(rest.prefix { $0 != " " })
                let type = String(rest.dropFirst(name.count + 1))
                pending.append(Parameter(name: name, type: type, keys: type.hasPrefix("{") ? keys(of: type) : []))
            } else if line.hasPrefix("function huzhu.") {
                let name = String(line.dropFirst("function ".count).prefix { $0 != "(" })
                if !name.contains(":") { found.append((name, pending)) }
                pending = []
            } else if !line.hasPrefix("---") {
                pending = []
            }
        }
        return found
    }

    /// The top-level keys of a `{a: string, b?: integer, c: {d: string}}` type.
    static func keys(of type: String) -> [(name: String, type: String)] {
        var result: [(String, String)] = []
        var depth = 0, field = ""
        func flush() {
            let parts = field.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { result.append((parts[0].replacingOccurrences(of: "?", with: ""), parts[1])) }
            field = ""
        }
        for character in type {
            switch character {
            case "{": depth += 1; if depth > 1 { field.append(character) }
            case "}": depth -= 1; if depth == 0 { flush(); return result } else { field.append(character) }
            case "," where depth == 1: flush()
            default: if depth >= 1 { field.append(character) }
            }
        }
        return result
    }

    /// A plausible value of a documented type, as Lua source.
    static func plausible(_ type: String) -> String {
        if type.hasPrefix("integer") || type.hasPrefix("number") { return "1" }
        if type.hasPrefix("boolean") { return "true" }
        if type.hasPrefix("string[]") { return "{'x'}" }
        if type.hasPrefix("string") { return "'BH'" }
        if type.hasPrefix("fun") { return "function() end" }
        if type.hasPrefix("{") || type.hasSuffix("[]") || type.hasPrefix("table") { return "{}" }
        return "1"
    }

    static func script(_ functions: [(name: String, parameters: [Parameter])]) -> String {
        var specs = "local specs = {\n"
        for (name, parameters) in functions {
            specs += "  {name = '\(name)', params = {"
            for parameter in parameters {
                let keys = parameter.keys.map { "{'\($0.name)', \(plausible($0.type))}" }.joined(separator: ", ")
                specs += "{base = \(plausible(parameter.type)), keys = {\(keys)}}, "
            }
            specs += "}},\n"
        }
        specs += "}\n"
        return specs + #"""
            local deep = {}
            do local t = deep for _ = 1, 200000 do t[1] = {} t = t[1] end end
            local function boom() error("evil metamethod") end
            local evil = setmetatable({}, {__index = boom, __newindex = boom, __len = boom, __pairs = boom,
              __tostring = boom, __eq = boom, __lt = boom, __le = boom, __concat = boom, __call = boom, __name = 1})
            local extremes = {math.mininteger, math.maxinteger, 1/0, -1/0, 0/0, -0.0, 2^63, -(2^63), 1e308, 0.5,
              string.rep("9", 1 << 20), "a\0b", "\27[2J\n", "", true, false, {}, deep, evil, function() end,
              coroutine.create(function() end), {1, 2, n = math.maxinteger}, {[math.mininteger] = 1, [0/0 ~= 0/0 and 1 or 2] = 2}}
            local calls = 0
            local function try(f, ...) calls = calls + 1 pcall(f, ...) end
            local function resolve(name) local t = _ENV for part in name:gmatch("[^.]+") do t = t[part] end return t end
            local function bases(params)
              local args = {}
              for i, p in ipairs(params) do
                if #p.keys > 0 then
                  local t = {} for _, k in ipairs(p.keys) do t[k[1]] = k[2] end args[i] = t
                else args[i] = p.base end
              end
              return args
            end
            for _, spec in ipairs(specs) do
              local f = resolve(spec.name)
              assert(type(f) == "function", spec.name .. " is documented but not a function")
              for _, v in ipairs(extremes) do
                try(f, v)
                try(f, v, v, v)
                for i, p in ipairs(spec.params) do
                  local args = bases(spec.params) args[i] = v
                  try(f, table.unpack(args, 1, #spec.params))
                  for _, key in ipairs(p.keys) do
                    try(f, {[key[1]] = v})
                    local args2 = bases(spec.params) args2[i][key[1]] = v
                    try(f, table.unpack(args2, 1, #spec.params))
                  end
                end
              end
            end
            local report = huzhu.report.new{title = "fuzz"}
            local methods = getmetatable(report) and getmetatable(report).__index
            if type(methods) == "table" then
              for _, m in pairs(methods) do
                for _, v in ipairs(extremes) do try(m, report, v) try(m, report, v, v, v) try(m, report, {v}) end
              end
            end
            print("calls", calls)
            error("fuzz finished")
            """#
    }

    @Test("no extreme argument crashes the process, and the run leaves nothing behind")
    func everyFunction() throws {
        let functions = try Self.functions()
        #expect(functions.count >= 60)
        let ws = try TinyWorkspace()
        let tables = ["unit", "member", "policy", "claim", "ledgerEntry", "ledgerLine", "target", "audit", "memberEvent", "plan"]
        let before = try tables.map { try ws.count($0) }
        try ws.write("fuzz.lua", Self.script(functions))
        let result = try CLI.run(["run", "--max-instructions", "0", "--max-memory", "2048", "fuzz.lua"], in: ws.url)
        #expect(result.status == 1, "status \(result.status): \(result.stderr.prefix(2000))")
        #expect(result.stdout.hasPrefix("calls\t"), "\(result.stdout.prefix(2000))")
        #expect(result.stderr.contains("fuzz finished"), "\(result.stderr.prefix(2000))")
        #expect(try tables.map { try ws.count($0) } == before)
    }
}
