import ArgumentParser
import Foundation
import LuaHost

/// `huzhu bench`: micro-benchmarks run from inside the binary (scripts/bench drives them).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run Huzhu's built-in micro-benchmarks.",
        subcommands: [HostCall.self]
    )

    struct HostCall: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "host-call",
            abstract: "ns per call from a Lua loop: Lua function, C function, Swift host function (B4)."
        )

        @Option(help: "Loop iterations per measurement.")
        var iterations: Int = 5_000_000

        @Option(help: "Measurements per function; the fastest is kept.")
        var repeats: Int = 5

        func validate() throws {
            guard iterations > 0, repeats > 0 else { throw ValidationError("--iterations and --repeats must be positive") }
        }

        func run() throws {
            let r = try LuaCallBenchmark.run(iterations: iterations, repeats: repeats)
            func f(_ x: Double) -> String { String(format: "%.1f", x) }
            print("iterations\t\(r.iterations)")
            print("lua_ns\t\(f(r.lua))")
            print("c_ns\t\(f(r.c))")
            print("swift_ns\t\(f(r.swift))")
            print("empty_loop_ns\t\(f(r.emptyLoop))")
            print("swift_over_c\t\(String(format: "%.3f", r.swiftOverC))")
        }
    }
}
