import Testing
@testable import LuaHost

/// Counts the witnesses of one test that are alive (tests run in parallel).
final class WitnessCount { var live = 0 }

final class NestedWitness {
    let count: WitnessCount
    init(_ count: WitnessCount) { self.count = count; count.live += 1 }
    deinit { count.live -= 1 }
}

@Suite("Host functions that call back into Lua")
struct NestedCallTests {
    /// A host whose `rules.apply(x)` runs the rule script's `rule(x)`, as
    /// huzhu.enroll runs a subsidy formula.
    func makeHost(rule: String, limits: LuaLimits = LuaLimits(), witnesses: WitnessCount = WitnessCount()) throws -> (CapturingHost, LuaScript) {
        let host = try CapturingHost(limits: limits)
        let env = try host.host.makeEnvironment()
        let ruleScript = try host.host.compile(rule, name: "rule.lua", in: env)
        try ruleScript.run()
        var m = LuaModule("rules")
        m.function("apply") { call in
            let witness = NestedWitness(witnesses)
            defer { withExtendedLifetime(witness) {} }
            let results = try ruleScript.call("rule", [try call.value(1)])
            return try call.push(results.first ?? .nil)
        }
        try host.host.register(m)
        return (host, ruleScript)
    }

    @Test("a rule's value comes back through the host function")
    func value() throws {
        let (host, _) = try makeHost(rule: "function rule(x) return x * 2 end")
        #expect(try host.run("return rules.apply(21)") == [42])
    }

    @Test("a rule's error unwinds only Lua and C frames; the script can catch it; Swift frames end normally")
    func ruleError() throws {
        let witnesses = WitnessCount()
        let (host, _) = try makeHost(rule: "function rule(x) if x < 0 then error('negative') end return x end", witnesses: witnesses)
        let results = try host.run("""
            local caught = 0
            for i = 1, 1000 do
              local ok, err = pcall(rules.apply, -i)
              if not ok and err:find("rule.lua:1: negative", 1, true) then caught = caught + 1 end
            end
            return caught
            """)
        #expect(results == [1000])
        #expect(witnesses.live == 0)
    }

    @Test("the memory limit applies inside the nested rule")
    func memoryInside() throws {
        let (host, _) = try makeHost(rule: "function rule(x) local t = {} for i = 1, math.huge do t[i] = {i} end end",
                                     limits: LuaLimits(memory: 32 << 20, instructions: 0))
        let error = try #require(host.failure("return rules.apply(1)"))
        #expect(error.message == "test.lua:1: memory limit of 32 MiB exceeded")
    }

    @Test("the instruction budget is shared with the script, not reset by the nested call")
    func budgetShared() throws {
        let (host, _) = try makeHost(rule: "function rule(x) for i = 1, 1000 do end return x end",
                                     limits: LuaLimits(instructions: 200_000))
        let error = try #require(host.failure("while true do rules.apply(1) end"))
        #expect(error.kind == .instructionLimit)
    }
}

@Suite("Blaming a result on its line")
struct ReturnLineTests {
    @Test("the line of the return statement that produced the result is recorded")
    func returnLine() throws {
        let host = try CapturingHost()
        let script = try host.host.load("""
            local function helper(x) return x + 1 end
            function rule(x)
              if x > 10 then
                return {big = helper(x)}
              end
              local y = helper(x)
              return {small = y}
            end
            """, name: "rule.lua")
        try script.run()
        let big = try script.callRecordingReturnLine("rule", [20])
        #expect(big.results == [["big": 21]])
        #expect(big.line == 4)
        let small = try script.callRecordingReturnLine("rule", [1])
        #expect(small.line == 7)
        // An ordinary call afterwards does not watch returns.
        #expect(try script.call("rule", [1]) == [["small": 2]])
    }
}
