/// A table of Swift functions and values that scripts see as a global.
///
/// Modules nest: `huzhu.members.get` is the function `get` of the
/// submodule `members` of the module `huzhu`. Each function may carry its
/// documentation, from which editor definitions are generated.
///
/// ```swift
/// var huzhu = LuaModule("huzhu")
/// huzhu.function("yuan", doc: .init("Formats fen as yuan text.",
///     params: [.init("fen", "integer")], returns: [.init("string")])) { call in
///     call.push(format(try call.integer(1)))
/// }
/// try host.register(huzhu)
/// ```
public struct LuaModule {
    public enum Entry {
        case function(name: String, doc: LuaDoc?, body: LuaFunctionBody)
        case value(name: String, value: LuaValue, doc: LuaDoc?)
        case module(LuaModule)
    }

    public let name: String
    public var summary: String
    public private(set) var entries: [Entry] = []

    public init(_ name: String, summary: String = "") {
        self.name = name
        self.summary = summary
    }

    /// Adds a function.
    public mutating func function(_ name: String, doc: LuaDoc? = nil, _ body: @escaping LuaFunctionBody) {
        entries.append(.function(name: name, doc: doc, body: body))
    }

    /// Adds a constant value.
    public mutating func value(_ name: String, _ value: LuaValue, doc: LuaDoc? = nil) {
        entries.append(.value(name: name, value: value, doc: doc))
    }

    /// Adds a nested module.
    public mutating func module(_ module: LuaModule) {
        entries.append(.module(module))
    }
}

/// Documentation of one function or value, for `docs/lua-api.md` and the
/// lua-language-server definition file.
public struct LuaDoc: Sendable {
    public struct Param: Sendable {
        public var name: String
        public var type: String
        public var description: String
        public init(_ name: String, _ type: String, _ description: String = "") {
            self.name = name
            self.type = type
            self.description = description
        }
    }

    public struct Return: Sendable {
        public var type: String
        public var description: String
        public init(_ type: String, _ description: String = "") {
            self.type = type
            self.description = description
        }
    }

    public var summary: String
    public var params: [Param]
    public var returns: [Return]

    public init(_ summary: String, params: [Param] = [], returns: [Return] = []) {
        self.summary = summary
        self.params = params
        self.returns = returns
    }
}
