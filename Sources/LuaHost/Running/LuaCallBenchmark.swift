import CLua
import CLuaBridge

/// Measures what a call from Lua costs: to a Lua function, to a C function
/// with an integer argument check, and to a Swift host function through the
/// bridge, each `f(i)` in the same Lua loop with the limits' count hook active.
///
/// CPU time comes from `os.clock`, so a busy machine skews less than wall time.
public enum LuaCallBenchmark {
    public struct Result: Sendable {
        public var iterations: Int
        /// Nanoseconds per loop iteration, call included.
        public var lua: Double
        public var c: Double
        public var swift: Double
        /// The loop alone (no call), to show the call's own share.
        public var emptyLoop: Double
        /// Swift host call / C call, loop included (the goal: ≤ 1.3).
        public var swiftOverC: Double { swift / c }
    }

    /// Runs each loop `iterations` times, `repeats` times, keeping the fastest run of each.
    public static func run(iterations: Int = 5_000_000, repeats: Int = 5) throws -> Result {
        let host = try LuaHost(limits: LuaLimits(instructions: 0))
        var bench = LuaModule("bench")
        bench.function("swift_add_one") { call in call.push(try call.integer(1) + 1) }
        try host.register(bench)
        let script = try host.load("""
            local n, lua_f, c_f, swift_f = ...
            local clock = os.clock
            local function time(f)
              local x = 0
              local t0 = clock()
              for i = 1, n do x = f(i) end
              return (clock() - t0) * 1e9 / n
            end
            local function empty()
              local x = 0
              local t0 = clock()
              for i = 1, n do x = i end
              return (clock() - t0) * 1e9 / n
            end
            return time(lua_f), time(c_f), time(swift_f), empty()
            """, name: "bench.lua")
        // Arguments: n, a Lua function, the C function, the Swift function.
        var best = [Double](repeating: .infinity, count: 4)
        for _ in 0..<repeats {
            host.beginRun()
            let L = host.L
            lua_rawgeti(L, hzlua_registryindex(), lua_Integer(script.chunkRef))
            lua_pushinteger(L, lua_Integer(iterations))
            guard luaL_loadstring(L, "local i = ... return i + 1") == LUA_OK else { fatalError("bench chunk") }
            hz_push_bench_add_one(L)
            lua_rawgeti(L, hzlua_registryindex(), lua_Integer(script.environment.ref))
            LuaStack(L: L).push(string: "bench")
            lua_rawget(L, -2)
            LuaStack(L: L).push(string: "swift_add_one")
            lua_rawget(L, -2)                      // …, env, bench, swift_f
            hzlua_remove(L, -2)
            hzlua_remove(L, -2)                    // chunk, n, lua_f, c_f, swift_f
            let results = try host.call(arguments: 4, chunk: "bench.lua")
            for (i, value) in results.enumerated() {
                if case .number(let ns) = value { best[i] = min(best[i], ns) }
            }
        }
        return Result(iterations: iterations, lua: best[0], c: best[1], swift: best[2], emptyLoop: best[3])
    }
}
