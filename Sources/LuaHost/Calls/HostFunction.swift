import CLua
import CLuaBridge

/// The body of a Swift function callable from Lua: reads its arguments from
/// `call`, pushes its results and returns how many it pushed. A `throw`
/// becomes a Lua error at the calling script's `chunk:line:`.
public typealias LuaFunctionBody = (LuaCall) throws -> Int32

/// A Swift function exposed to Lua, owned by the Lua closure that calls it.
final class HostFunction {
    let name: String
    let body: LuaFunctionBody

    init(name: String, body: @escaping LuaFunctionBody) {
        self.name = name
        self.body = body
    }

    /// Pushes the Lua closure for this function (the closure retains it).
    func push(on L: OpaquePointer) {
        hz_push_host_function(L, Unmanaged.passRetained(self).toOpaque())
    }
}

/// The C bridge calls these; they never let an error escape as a longjmp.
enum HostCallbacks {
    static let installed: Void = {
        hz_set_host_callbacks(dispatch, release)
    }()

    /// Runs a host function; on a Swift error pushes the message and returns
    /// HZ_HOST_ERROR so that the C trampoline raises it after we return.
    static let dispatch: hz_host_dispatch_fn = { L, pointer in
        Unmanaged<HostFunction>.fromOpaque(pointer!)._withUnsafeGuaranteedRef { function in
            let call = LuaCall(L: L!, function: function)
            do {
                return try function.body(call)
            } catch {
                call.pushErrorMessage(for: error)
                return -1
            }
        }
    }

    static let release: hz_release_fn = { pointer in
        Unmanaged<AnyObject>.fromOpaque(pointer!).release()
    }
}
