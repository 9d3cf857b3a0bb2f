import HuzhuCore
import LuaHost

/// `huzhu.yuan`, `huzhu.fen`, `huzhu.split`, `huzhu.round`, `huzhu.share`:
/// exact money arithmetic in integer fen.
enum MoneyFunctions {
    static func add(to m: inout LuaModule) {
        m.function("yuan", doc: LuaDoc("Formats fen as yuan text: `huzhu.yuan(123456)` → \"1234.56\"; `huzhu.yuan(123456, true)` → \"¥1,234.56\".",
                                       params: [.init("fen", "integer"), .init("currency", "boolean?", "with ¥ and thousands separators")],
                                       returns: [.init("string")])) { call in
            let money = try Options.money(call, 1)
            return call.push(call.boolean(2) ? money.formatted(currency: true) : money.description)
        }
        m.function("fen", doc: LuaDoc("Parses yuan text exactly: `huzhu.fen(\"12.3\")` → 1230. Anything but digits with up to two decimals is an error.",
                                      params: [.init("text", "string")], returns: [.init("integer", "fen")])) { call in
            let text = try call.string(1)
            do { return call.push(try Money(yuan: text).fen) } catch {
                throw LuaArgumentError(position: 1, function: "fen", problem: "\(error)")
            }
        }
        m.function("split", doc: LuaDoc("Splits a total by integer weights (largest remainder); the parts always add up: `huzhu.split(1000, {1, 1, 1})` → {334, 333, 333}.",
                                        params: [.init("total", "integer", "fen"), .init("weights", "integer[]")],
                                        returns: [.init("integer[]", "the parts, in the order of the weights")])) { call in
            let total = try call.integer(1)
            guard case .array(let items) = try call.value(2) else {
                throw LuaArgumentError(position: 2, function: "split", problem: "array of integer weights expected")
            }
            let weights = try items.enumerated().map { i, w -> Int64 in
                guard let v = w.integerValue else {
                    throw LuaArgumentError(position: 2, function: "split", problem: "weight #\(i + 1) is not an integer")
                }
                return v
            }
            do {
                return try call.push(.array(try Money.split(total: total, weights: weights).map(LuaValue.integer)))
            } catch {
                throw LuaArgumentError(position: 2, function: "split", problem: "\(error)")
            }
        }
        m.function("round", doc: LuaDoc("Rounds a number half-up (四舍五入, away from zero) to a whole fen: `huzhu.round(1234.5)` → 1235.",
                                        params: [.init("x", "number")], returns: [.init("integer")])) { call in
            let x = try call.number(1)
            guard x.isFinite, abs(x) < 9.0e18 else {
                throw LuaArgumentError(position: 1, function: "round", problem: "finite number expected, got \(LuaValue.format(number: x))")
            }
            return call.push(Int64((abs(x) + 0.5).rounded(.down)) * (x < 0 ? -1 : 1))
        }
        m.function("share", doc: LuaDoc("An exact fraction of an amount, half-up: `huzhu.share(3600, 20, 100)` → 720 (20% of 36.00 yuan).",
                                        params: [.init("fen", "integer"), .init("numerator", "integer"), .init("denominator", "integer")],
                                        returns: [.init("integer", "fen")])) { call in
            do {
                return call.push(try Money.roundHalfUp(try call.integer(1), times: try call.integer(2), over: try call.integer(3)))
            } catch let error as LuaArgumentError { throw error } catch {
                throw LuaArgumentError(position: 3, function: "share", problem: "\(error)")
            }
        }
    }
}
