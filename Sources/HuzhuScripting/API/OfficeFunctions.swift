import HuzhuCore
import LuaHost

/// `huzhu.offices`: the federation's office (办事处) and its agency offices (代办处).
enum OfficeFunctions {
    static func module(_ state: RunState) -> LuaModule {
        var m = LuaModule("offices", summary: "The programme's office (办事处) and agency offices (代办处) that serve units.")
        m.function("get", doc: LuaDoc("The office with a code, or nil.",
                                      params: [.init("code", "string")], returns: [.init("huzhu.Office?")])) { call in
            guard let office = try state.services.units.office(try state.db(), code: try call.string(1)) else {
                return call.pushNil()
            }
            return try call.push(record(office))
        }
        m.function("each", doc: LuaDoc("Iterates every office, by code: `for o in huzhu.offices.each() do … end`.",
                                       returns: [.init("fun(): huzhu.Office?")])) { call in
            let offices = try state.services.units.offices(try state.db())
            var index = 0
            return try call.push(function: "offices") { inner in
                guard index < offices.count else { return inner.pushNil() }
                index += 1
                return try inner.push(record(offices[index - 1]))
            }
        }
        m.function("create", doc: LuaDoc(
            "Creates an office; a federation operation, refused in a scoped run (E251). Checked and audited like an imported one.",
            params: [.init("office", "{code: string, name: string, kind: string, parent?: string}",
                           "kind: office or agency (办事处 or 代办处); parent: an existing office's code")],
            returns: [.init("huzhu.Office")])) { call in
            try state.refuseInRule("huzhu.offices.create")
            let o = try Options(call, 1, allowed: ["code", "name", "kind", "parent"])
            let kind: Office.Kind
            do { kind = try Office.Kind.parse(try o.requiredString("kind")) } catch let failure as ValidationFailure {
                throw ValidationError(failure)
            }
            let office = Office(code: try o.requiredString("code"), name: try o.requiredString("name"), kind: kind,
                                parentCode: try o.string("parent"))
            return try call.push(record(try state.services.units.createOffice(try state.db(), office, context: state.context)))
        }
        return m
    }

    static func record(_ o: Office) -> LuaValue {
        .table(["code": .string(o.code), "name": .string(o.name), "kind": .string(o.kind.rawValue),
                "parent": Records.optional(o.parentCode)])
    }

    static let classes: [LuaClassDoc] = [
        LuaClassDoc("huzhu.Office", fields: [
            .init("code", "string"), .init("name", "string"), .init("kind", "string", "office (办事处) or agency (代办处)"),
            .init("parent", "string?", "the parent office's code"),
        ]),
    ]
}
