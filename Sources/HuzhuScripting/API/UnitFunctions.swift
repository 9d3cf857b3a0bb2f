import HuzhuCore
import LuaHost

/// `huzhu.units`: the union tree.
enum UnitFunctions {
    static let kinds = ["federation", "district", "county", "industry", "enterprise", "grassroots"]

    static func module(_ state: RunState) -> LuaModule {
        var m = LuaModule("units", summary: "The union tree: the federation, district/county and industrial unions, enterprises, grassroots units.")
        m.function("get", doc: LuaDoc("The unit with a code, or nil (also when outside the run's scope).",
                                      params: [.init("code", "string")], returns: [.init("huzhu.Unit?")])) { call in
            let code = try call.string(1)
            guard let unit = try state.services.units.unit(try state.db(), code: code) else { return call.pushNil() }
            return try call.push(Records.unit(unit))
        }
        m.function("each", doc: LuaDoc("Iterates units in tree order (parents first): `for u in huzhu.units.each{under = \"BH\"} do … end`.",
                                       params: [.init("filter", "{under?: string, kind?: string}?", "under: a unit whose subtree (itself included) to list; kind: federation, district, county, industry, enterprise, grassroots")],
                                       returns: [.init("fun(): huzhu.Unit?")])) { call in
            let o = try Options(call, 1, allowed: ["under", "kind"])
            let filter = UnitFilter(under: try o.string("under"), kind: try o.choice("kind", UnitKind.self, names: kinds))
            return try pushPagedIterator(call, name: "units", fetch: { after in
                try state.services.units.page(try state.db(), filter, afterPath: after, limit: 256)
            }, key: { $0.path }, convert: Records.unit)
        }
        m.function("count", doc: LuaDoc("The number of units matching a filter (as for `each`).",
                                        params: [.init("filter", "{under?: string, kind?: string}?")], returns: [.init("integer")])) { call in
            let o = try Options(call, 1, allowed: ["under", "kind"])
            let filter = UnitFilter(under: try o.string("under"), kind: try o.choice("kind", UnitKind.self, names: kinds))
            return call.push(Int64(try state.services.units.count(try state.db(), filter)))
        }
        m.function("employees", doc: LuaDoc("Employees of a unit's whole subtree in a year (the participation rate's denominator).",
                                            params: [.init("code", "string"), .init("year", "integer")], returns: [.init("integer")])) { call in
            let total = try state.services.units.subtreeHeadcount(try state.db(), under: try call.string(1), year: Int(try call.integer(2)))
            return call.push(Int64(total))
        }
        m.function("budget", doc: LuaDoc("A unit's subsidy budget for a year (its own or the nearest ancestor's), or nil.",
                                         params: [.init("code", "string"), .init("year", "integer")],
                                         returns: [.init("{unit: string, year: integer, amount: integer, used: integer, remaining: integer}?", "fen")])) { call in
            guard let b = try state.services.budgets.status(try state.db(), forUnit: try call.string(1), year: Int(try call.integer(2))) else {
                return call.pushNil()
            }
            return try call.push(.table(["unit": .string(b.unitCode), "year": .integer(Int64(b.year)), "amount": .integer(b.amount.fen),
                                         "used": .integer(b.used.fen), "remaining": .integer(b.remaining.fen)]))
        }
        m.function("set_budget", doc: LuaDoc("Sets a unit's subsidy budget for a year, in fen (the union's share of contributions stays within it).",
                                             params: [.init("code", "string"), .init("year", "integer"), .init("amount", "integer", "fen")])) { call in
            try state.refuseInRule("huzhu.units.set_budget")
            let code = try call.string(1)
            try state.services.budgets.set(try state.db(), unitCode: code, year: Int(try call.integer(2)),
                                           amount: Money(fen: try call.integer(3)), context: state.context)
            return 0
        }
        return m
    }
}
