import ArgumentParser
import HuzhuCore
import LuaHost

/// The run limits every script-running command accepts.
struct LimitOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Stop the script after this many seconds of wall-clock time.", valueName: "seconds"))
    var timeout: Double?

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Memory the script may use, in MiB (default 512, or huzhu.toml's).", valueName: "MiB"))
    var maxMemory: Int?

    @Option(name: .customLong("max-instructions"), help: ArgumentHelp("Lua VM instructions the script may execute; 0: no limit (default 1000000000, or huzhu.toml's).", valueName: "n"))
    var maxInstructions: Int64?

    @Option(name: .long, help: ArgumentHelp("Wait this long for another run's write lock (default 60, or huzhu.toml's).", valueName: "seconds"))
    var wait: Double?

    @Option(name: .customLong("max-output"), help: ArgumentHelp("Bytes the script may print, in MiB (default 64).", valueName: "MiB"))
    var maxOutput: Int?

    func validate() throws {
        if let timeout, !(timeout > 0 && timeout.isFinite) {
            throw ValidationError("--timeout must be a positive number of seconds (got \(timeout))")
        }
        if let maxMemory, !(maxMemory > 0 && maxMemory <= 1 << 20) {
            throw ValidationError("--max-memory must be between 1 and 1048576 MiB (got \(maxMemory))")
        }
        if let maxInstructions, maxInstructions < 0 {
            throw ValidationError("--max-instructions must not be negative (got \(maxInstructions))")
        }
        if let wait, !(wait >= 0 && wait.isFinite) {
            throw ValidationError("--wait must be a number of seconds, 0 or more (got \(wait))")
        }
        if let maxOutput, !(maxOutput > 0 && maxOutput <= 1 << 20) {
            throw ValidationError("--max-output must be between 1 and 1048576 MiB (got \(maxOutput))")
        }
    }

    /// The limits: these options first, then the workspace's `[limits]`, then the built-in defaults.
    func limits(defaults config: WorkspaceConfig.Limits? = nil) -> LuaLimits {
        let base = LuaLimits()
        return LuaLimits(
            memory: (maxMemory ?? config?.maxMemoryMiB).map { $0 << 20 } ?? base.memory,
            instructions: maxInstructions ?? config?.maxInstructions ?? base.instructions,
            timeout: timeout ?? config?.timeout,
            output: maxOutput.map { $0 << 20 } ?? base.output)
    }
}
