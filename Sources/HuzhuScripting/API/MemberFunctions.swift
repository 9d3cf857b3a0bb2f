import HuzhuCore
import LuaHost

/// `huzhu.members`: union members.
enum MemberFunctions {
    static let statuses = ["active", "retired", "left", "deceased"]
    static let leaveReasons = ["left", "retired", "deceased"]
    static let filterKeys = ["unit", "status", "hardship"]

    static func filter(_ call: LuaCall) throws -> MemberFilter {
        let o = try Options(call, 1, allowed: filterKeys)
        return MemberFilter(unit: try o.string("unit"), status: try o.choice("status", MemberStatus.self, names: statuses),
                            hardship: try o.boolean("hardship"))
    }

    static func module(_ state: RunState) -> LuaModule {
        var m = LuaModule("members", summary: "Union members (会员), identified by resident ID.")
        let filterDoc = LuaDoc.Param("filter", "{unit?: string, status?: string, hardship?: boolean}?",
                                     "unit: a unit whose whole subtree is covered; status: active, retired, left, deceased; hardship: 困难职工 or not")
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
        m.function("register", doc: LuaDoc(
            "Registers a member (入会) with the same checks as the members import: resident ID (E101–E107), not registered yet (E302), name (E301), unit (E208, E250), phone (E111), join date (E309, E310).",
            params: [.init("member", "{resident_id: string, name: string, unit: string, phone?: string, hardship?: boolean, joined_on?: string}",
                           "joined_on: YYYY-MM-DD, default today")],
            returns: [.init("huzhu.Member")])) { call in
            try state.refuseInRule("huzhu.members.register")
            let o = try Options(call, 1, allowed: ["resident_id", "name", "unit", "phone", "hardship", "joined_on"])
            let draft = MemberDraft(residentID: try o.requiredString("resident_id"), name: try o.requiredString("name"),
                                    unitCode: try o.requiredString("unit"), phone: try o.string("phone"),
                                    hardship: try o.boolean("hardship") ?? false,
                                    joinedOn: try ClaimFunctions.date(o, "joined_on"))
            return try call.push(Records.member(try state.services.members.register(try state.db(), draft, context: state.context)))
        }
        m.function("update", doc: LuaDoc(
            "Changes a member's name, phone (false removes it) or hardship flag, effective on a date (default today), kept in the history. Refusals: E305, E250, E301, E111, E308, E309, E314.",
            params: [.init("resident_id", "string"),
                     .init("changes", "{name?: string, phone?: string|false, hardship?: boolean, date?: string}", "date: YYYY-MM-DD, when it took effect")],
            returns: [.init("huzhu.Member")])) { call in
            try state.refuseInRule("huzhu.members.update")
            let residentID = try call.string(1)
            let o = try Options(call, 2, allowed: ["name", "phone", "hardship", "date"])
            var changes = MemberChanges(name: try o.string("name"), hardship: try o.boolean("hardship"))
            if let phone = o.fields["phone"], phone != .nil {
                if phone == .boolean(false) { changes.phone = .some(nil) } else { changes.phone = .some(try o.requiredString("phone")) }
            }
            let member = try state.services.members.update(try state.db(), residentID: residentID, changes,
                                                           on: try ClaimFunctions.date(o, "date"), context: state.context)
            return try call.push(Records.member(member))
        }
        m.function("transfer", doc: LuaDoc(
            "Moves a member to another unit (调动) from a date (default today). The member keeps their policies (still under the enrolling unit); listings, counts, new enrolments and renewals see the new unit. Refusals: E305, E250, E208, E311 (left or deceased), E312 (same unit), E308, E309, E314.",
            params: [.init("resident_id", "string"), .init("unit", "string", "the new unit's code"),
                     .init("options", "{date?: string}?", "date: YYYY-MM-DD")],
            returns: [.init("huzhu.Member")])) { call in
            try state.refuseInRule("huzhu.members.transfer")
            let residentID = try call.string(1), unit = try call.string(2)
            let o = try Options(call, 3, allowed: ["date"])
            let member = try state.services.members.transfer(try state.db(), residentID: residentID, to: unit,
                                                             on: try ClaimFunctions.date(o, "date"), context: state.context)
            return try call.push(Records.member(member))
        }
        m.function("leave", doc: LuaDoc(
            "Records that a member left (离职), retired (退休) or died (身故) on a date (default today). A death ends the member's active policies on that day (a claim for the death stays payable); leaving or retiring keeps cover to the term's end unless the term's leaving rule is end_with_refund (then the policy ends on the day and the unexpired part is refunded pro rata). Refusals: E305, E250, E311, E308, E309, E314.",
            params: [.init("resident_id", "string"),
                     .init("options", "{reason: string, date?: string}", "reason: left, retired or deceased; date: YYYY-MM-DD")],
            returns: [.init("{member: huzhu.Member, cancelled: huzhu.Cancellation[]}", "the policies ended and their refunds")])) { call in
            try state.refuseInRule("huzhu.members.leave")
            let residentID = try call.string(1)
            let o = try Options(call, 2, allowed: ["reason", "date"])
            guard let reason = try o.choice("reason", MemberStatus.self, names: leaveReasons), reason != .active else {
                throw LuaArgumentError(position: 2, function: call.functionName,
                                       problem: "option 'reason': one of \(leaveReasons.joined(separator: ", ")) expected")
            }
            let result = try state.services.members.leave(try state.db(), residentID: residentID, reason,
                                                          on: try ClaimFunctions.date(o, "date"), context: state.context)
            return try call.push(.table([
                "member": Records.member(result.member),
                "cancelled": .array(result.cancellations.map(Records.cancellation)),
            ]))
        }
        m.function("history", doc: LuaDoc(
            "A member's history, oldest first: registration, updates, transfers, retirement, leaving, death, each with its effective date.",
            params: [.init("resident_id", "string")], returns: [.init("huzhu.MemberEvent[]")])) { call in
            let events = try state.services.members.history(try state.db(), residentID: try call.string(1))
            return try call.push(.array(events.map(Records.memberEvent)))
        }
        m.function("anonymise", doc: LuaDoc(
            "Replaces name, resident ID and phone of members who left or died before a date and whose claims are all closed (PIPL): name 已匿名-000123, a pseudonymous resident ID keeping birth date and gender, no phone; everything else stays, so reports keep their figures. Members of the run's scope only; one audit row. dry_run counts and changes nothing. Refusal: E320.",
            params: [.init("options", "{left_before: string, dry_run?: boolean}", "left_before: YYYY-MM-DD")],
            returns: [.init("{anonymised: integer, open_claims: integer, already_anonymised: integer, left_before: string, dry_run: boolean}",
                            "open_claims and already_anonymised: members left as they are")])) { call in
            try state.refuseInRule("huzhu.members.anonymise")
            let o = try Options(call, 1, allowed: ["left_before", "dry_run"])
            let date = try CivilDate(parsing: try o.requiredString("left_before"))
            let dryRun = try o.boolean("dry_run") ?? false
            let result = try state.services.members.anonymise(try state.db(), leftBefore: date, dryRun: dryRun, context: state.context)
            return try call.push(.table([
                "anonymised": .integer(Int64(result.anonymised)), "open_claims": .integer(Int64(result.openClaims)),
                "already_anonymised": .integer(Int64(result.alreadyAnonymised)),
                "left_before": .string(date.description), "dry_run": .boolean(dryRun),
            ]))
        }
        return m
    }
}
