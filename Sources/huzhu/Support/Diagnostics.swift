import Foundation
import LuaHost

/// Writes what went wrong to standard error, in the form `huzhu: message`.
enum Diagnostics {
    static func write(_ text: String) {
        StandardOutput.flush()
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Reports a script's failure: `huzhu: subsidy.lua:12: message`, then the traceback.
    static func report(_ error: LuaError) {
        write("huzhu: " + error.report + "\n")
    }

    /// The exit status for a script failure: 130 when interrupted, 1 otherwise.
    static func status(for error: LuaError) -> Int32 {
        error.kind == .cancelled ? 130 : 1
    }
}
