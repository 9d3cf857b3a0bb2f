import HuzhuCore
import LuaHost

/// `huzhu.members`: union members.
enum MemberFunctions {
    static let statuses = ["active", "retired", "left"]
    static let filterKeys = ["unit", "status", "hardship"]

    static func filter(_ call: LuaCall) throws -> MemberFilter {
        let o = try Options(call, 1, allowed: filterKeys)
        return MemberFilter(unit: try o.string("unit"), status: try o.choice("status", MemberStatus.self, names: statuses),
                            hardship: try o.boolean("hardship"))
    }

    static func module(_ state: RunState) -> LuaModule {
        var m = LuaModule("members", summary: "Union members (会员), identified by resident ID.")
        let filterDoc = LuaDoc.Param("filter", "{unit?: string, status?: string, hardship?: boolean}?",
                                     "unit: a unit whose whole subtree is covered; status: active, retired, left; hardship: 困难职工 or not")
        m.function("get", doc: LuaDoc("The member with a resident ID (15- or 18-character), or nil (also outside the run's scope).",
                                      params: [.init("resident_id", "string")], returns: [.init("huzhu.Member?")])) { call in
            guard let member = try state.services.members.member(try state.db(), residentID: try call.string(1)) else { return call.pushNil() }
            return try call.push(Records.member(member))
        }
        m.function("each", doc: LuaDoc("Iterates members in constant memory: `for m in huzhu.members.each{unit = \"BH\", status = \"active\"} do … end`.",
                                       params: [filterDoc], returns: [.init("fun(): huzhu.Member?")])) { call in
            let filter = try filter(call)
            return try pushPagedIterator(call, name: "members", fetch: { after in
                try state.services.members.page(try state.db(), filter, after: after, limit: 256)
            }, key: { $0.id }, convert: Records.member)
        }
        m.function("count", doc: LuaDoc("The number of members matching a filter (as for `each`).",
                                        params: [filterDoc], returns: [.init("integer")])) { call in
            call.push(Int64(try state.services.members.count(try state.db(), try filter(call))))
        }
        return m
    }
}
