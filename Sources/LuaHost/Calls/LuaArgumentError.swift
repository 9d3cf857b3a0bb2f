/// A bad argument to a host function, worded as Lua's `luaL_argerror`:
/// `bad argument #2 to 'get' (string expected, got nil)`.
public struct LuaArgumentError: Error, CustomStringConvertible {
    public var position: Int32
    public var function: String
    public var problem: String

    public init(position: Int32, function: String, problem: String) {
        self.position = position
        self.function = function
        self.problem = problem
    }

    public var description: String { "bad argument #\(position) to '\(function)' (\(problem))" }
}

/// An error whose text a host function wants Lua scripts to see verbatim.
///
/// Any Swift error thrown by a host function reaches the script as
/// `String(describing: error)`; conform to this to choose the text.
public protocol LuaScriptError: Error {
    var luaMessage: String { get }
}
