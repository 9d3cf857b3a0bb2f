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
        m.function("create", doc: LuaDoc(
            "Creates a unit under its parent (the federation has none), checked and audited like an imported one; in a scoped run only inside the scope.",
            params: [.init("unit", "{code: string, name: string, kind: string, parent?: string, office?: string}",
                           "kind: federation, district, county, industry, enterprise, grassroots; parent: the parent unit's code; office: the serving office's code")],
            returns: [.init("huzhu.Unit")])) { call in
            try state.refuseInRule("huzhu.units.create")
            let o = try Options(call, 1, allowed: ["code", "name", "kind", "parent", "office"])
            guard let kind = try o.choice("kind", UnitKind.self, names: kinds) else { throw o.fail("kind", "string") }
            let draft = UnitDraft(code: try o.requiredString("code"), name: try o.requiredString("name"), kind: kind,
                                  parentCode: try o.string("parent"), officeCode: try o.string("office"))
            return try call.push(Records.unit(try state.services.units.create(try state.db(), draft, context: state.context)))
        }
        m.function("update", doc: LuaDoc(
            "Changes a unit's name or office (office = false removes it); the audit row keeps the old values.",
            params: [.init("code", "string"), .init("changes", "{name?: string, office?: string|false}")],
            returns: [.init("huzhu.Unit")])) { call in
            try state.refuseInRule("huzhu.units.update")
            let code = try call.string(1)
            let o = try Options(call, 2, allowed: ["name", "office"])
            var changes = UnitChanges(name: try o.string("name"))
            if o.fields["office"] == .boolean(false) {
                changes.officeCode = .some(nil)
            } else if let office = try o.string("office") {
                changes.officeCode = office
            }
            return try call.push(Records.unit(try state.services.units.update(try state.db(), code: code, changes,
                                                                              context: state.context)))
        }
        m.function("move", doc: LuaDoc(
            "Moves a unit, with its whole subtree, under another parent.",
            params: [.init("code", "string"), .init("parent", "string", "the new parent's code")],
            returns: [.init("huzhu.Unit")])) { call in
            try state.refuseInRule("huzhu.units.move")
            let unit = try state.services.units.move(try state.db(), code: try call.string(1), toParent: try call.string(2),
                                                     context: state.context)
            return try call.push(Records.unit(unit))
        }
        m.function("close", doc: LuaDoc(
            "Closes a unit on a date: no new enrolments in it or below it after that day (E217); its members stay until transferred.",
            params: [.init("code", "string"), .init("date", "string", "YYYY-MM-DD, the last day enrolments are taken")],
            returns: [.init("huzhu.Unit")])) { call in
            try state.refuseInRule("huzhu.units.close")
            let code = try call.string(1)
            let date = try CivilDate(parsing: try call.string(2))
            return try call.push(Records.unit(try state.services.units.close(try state.db(), code: code, on: date,
                                                                             context: state.context)))
        }
        m.function("set_headcount", doc: LuaDoc(
            "Sets a unit's number of employees for a year, replacing the year's count if there is one (audited with the old and new value).",
            params: [.init("code", "string"), .init("year", "integer"), .init("employees", "integer")])) { call in
            try state.refuseInRule("huzhu.units.set_headcount")
            try state.services.units.setHeadcount(try state.db(), unitCode: try call.string(1), year: Int(try call.integer(2)),
                                                  employees: Int(try call.integer(3)), context: state.context)
            return 0
        }
        m.function("headcount", doc: LuaDoc(
            "A unit's own number of employees in a year, or nil when none is recorded (see employees for the subtree).",
            params: [.init("code", "string"), .init("year", "integer")], returns: [.init("integer?")])) { call in
            guard let n = try state.services.units.headcount(try state.db(), unitCode: try call.string(1),
                                                             year: Int(try call.integer(2))) else { return call.pushNil() }
            return call.push(Int64(n))
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
                                           amount: try Options.money(call, 3), context: state.context)
            return 0
        }
        return m
    }
}
