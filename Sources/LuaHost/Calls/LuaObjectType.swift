import CLua
import CLuaBridge

/// A kind of Swift object that scripts can hold as userdata.
///
/// The userdata's metatable is hidden (`getmetatable` returns false), its
/// `__tostring` shows `describe(object)`, its methods come from `methods`,
/// and collection releases the Swift object. When the host closes objects
/// at the end of a run (`LuaHost.closeObjects()`), methods called later fail
/// with `bad argument #1 to 'next' (Cursor is closed)`.
///
/// ```swift
/// let cursorType = LuaObjectType<Cursor>(name: "Cursor", describe: { "Cursor(\($0.table))" })
/// cursorType.method("next") { cursor, call in … }
/// try host.register(cursorType)
/// ```
public final class LuaObjectType<T: AnyObject> {
    public let name: String
    let describe: (T) -> String
    /// Whether objects of this kind stay usable after the run that made them
    /// (a report built across REPL lines, say): such objects are not closed by
    /// `LuaHost.closeObjects()`. False by default; only for objects that hold
    /// no transaction or cursor.
    public var outlivesRuns = false
    var methods: [(String, (T, LuaCall) throws -> Int32)] = []
    weak var host: LuaHost?

    var metatableKey: String { "huzhu.object." + name }

    public init(name: String, describe: @escaping (T) -> String) {
        self.name = name
        self.describe = describe
    }

    /// Adds a method; `object:name(...)` calls `body` with the object and the call (self is argument 1).
    public func method(_ name: String, _ body: @escaping (T, LuaCall) throws -> Int32) {
        methods.append((name, body))
    }
}

/// The box a host userdata owns; `object` becomes nil when closed.
final class LuaObjectBox {
    var object: AnyObject?
    init(_ object: AnyObject) { self.object = object }
}

/// A box the host remembers without keeping it alive.
struct WeakObjectBox {
    weak var box: LuaObjectBox?
}
