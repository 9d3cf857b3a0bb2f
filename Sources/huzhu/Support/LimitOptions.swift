import ArgumentParser
import LuaHost

/// The run limits every script-running command accepts.
struct LimitOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Stop the script after this many seconds of wall-clock time.", valueName: "seconds"))
    var timeout: Double?

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Memory the script may use, in MiB.", valueName: "MiB"))
    var maxMemory: Int = 512

    @Option(name: .customLong("max-instructions"), help: ArgumentHelp("Lua VM instructions the script may execute (0: no limit).", valueName: "n"))
    var maxInstructions: Int64 = 1_000_000_000

    @Option(name: .customLong("max-output"), help: ArgumentHelp("Bytes the script may print, in MiB.", valueName: "MiB"))
    var maxOutput: Int = 64

    func validate() throws {
        if let timeout, !(timeout > 0 && timeout.isFinite) {
            throw ValidationError("--timeout must be a positive number of seconds (got \(timeout))")
        }
        guard maxMemory > 0, maxMemory <= 1 << 20 else {
            throw ValidationError("--max-memory must be between 1 and 1048576 MiB (got \(maxMemory))")
        }
        guard maxInstructions >= 0 else {
            throw ValidationError("--max-instructions must not be negative (got \(maxInstructions))")
        }
        guard maxOutput > 0, maxOutput <= 1 << 20 else {
            throw ValidationError("--max-output must be between 1 and 1048576 MiB (got \(maxOutput))")
        }
    }

    var limits: LuaLimits {
        LuaLimits(memory: maxMemory << 20, instructions: maxInstructions, timeout: timeout, output: maxOutput << 20)
    }
}
