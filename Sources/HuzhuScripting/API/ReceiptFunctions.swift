import HuzhuCore
import LuaHost

/// `huzhu.ledger.receive`, `apply_unapplied`, `owed`: bills, receipts and arrears (缴费、欠费).
enum ReceiptFunctions {
    static func register(_ m: inout LuaModule, _ state: RunState) {
        m.function("receive", doc: LuaDoc(
            "Records money received from the bank (缴费): it settles the unit's oldest open bills first, split across payer parts by largest remainder; an unknown payer or a surplus is held in receipts:unapplied with its reason (910, 911). A reference received before is refused (E912).",
            params: [.init("receipt", "{unit: string, amount: integer, date?: string, reference: string}",
                           "unit: the payer's unit code or name; amount: fen; date: the bank's day, default today")],
            returns: [.init("huzhu.Receipt")])) { call in
            try state.refuseInRule("huzhu.ledger.receive")
            let o = try Options(call, 1, allowed: ["unit", "amount", "date", "reference"])
            guard let amount = try o.money("amount") else { throw o.fail("amount", "integer") }
            let request = ReceiptRequest(date: try o.string("date").map { try CivilDate(parsing: $0) } ?? state.context.today,
                                         payer: try o.requiredString("unit"), amount: amount,
                                         reference: try o.requiredString("reference"))
            let result = try state.services.ledger.receive(try state.db(), request, context: state.context)
            return try call.push(receipt(result))
        }
        m.function("apply_unapplied", doc: LuaDoc(
            "Applies money held in receipts:unapplied from a receipt to a unit's oldest open bills (a clerk has found who paid): Dr receipts:unapplied, Cr receivable:contributions. At most what the unit owes is applied; the rest stays held.",
            params: [.init("application", "{receipt?: integer, reference?: string, unit: string, amount?: integer}",
                           "the receipt by id or bank reference; amount: fen, default all it holds")],
            returns: [.init("huzhu.Receipt")])) { call in
            try state.refuseInRule("huzhu.ledger.apply_unapplied")
            let o = try Options(call, 1, allowed: ["receipt", "reference", "unit", "amount"])
            let db = try state.db()
            var receiptID = try o.integer("receipt")
            if receiptID == nil, let reference = try o.string("reference") {
                guard let found = try state.services.ledger.receipt(db, reference: reference) else {
                    throw ValidationError(ValidationFailure(.receiptUnknown, field: "reference", value: .plain(reference),
                                                            ["receipt": reference]))
                }
                receiptID = found.id
            }
            guard let receiptID else { throw o.fail("receipt", "integer (or reference: string)") }
            let result = try state.services.ledger.applyUnapplied(db, receiptID: receiptID, unit: try o.requiredString("unit"),
                                                                  amount: try o.money("amount"), context: state.context)
            return try call.push(receipt(result))
        }
        m.function("owed", doc: LuaDoc(
            "What a unit's subtree owes (欠费) on a day: its open bills, oldest first, with their age from issue, and the totals by payer part and by age band (0-30, 31-90, >90 days).",
            params: [.init("query", "{unit?: string, as_of?: string}?", "unit: default the whole scope; as_of: default today")],
            returns: [.init("huzhu.Owed")])) { call in
            let o = try Options(call, 1, allowed: ["unit", "as_of"])
            let asOf = try o.string("as_of").map { try CivilDate(parsing: $0) } ?? state.context.today
            let report = try state.services.ledger.owed(try state.db(), unit: try o.string("unit"), asOf: asOf)
            return try call.push(owed(report))
        }
    }

    static func receipt(_ r: ReceiptResult) -> LuaValue {
        .table([
            "id": r.receipt.id.map(LuaValue.integer) ?? .nil, "reference": .string(r.receipt.reference),
            "date": .string(r.receipt.receivedOn.description), "payer": .string(r.receipt.payer),
            "unit": r.receipt.unitCode.map(LuaValue.string) ?? .nil, "amount": .integer(r.receipt.amount.fen),
            "entry": r.entry.entry.id.map(LuaValue.integer) ?? .nil, "applied": .integer(r.applied.fen),
            "unapplied": .integer(r.unapplied.fen),
            "reason": r.held.map { .string("\($0.reason.label) \($0.message())") } ?? .nil,
            "settled": .array(r.settlements.map { s in
                .table(["bill": .integer(s.billID), "amount": .integer(s.amount.fen), "administration": .integer(s.administration.fen),
                        "union": .integer(s.union.fen), "member": .integer(s.member.fen)])
            }),
        ])
    }

    static func owed(_ r: OwedReport) -> LuaValue {
        var bands: [String: LuaValue] = [:]
        for (band, amount) in r.byBand { bands[band.rawValue] = .integer(amount.fen) }
        return .table([
            "unit": r.unit.map(LuaValue.string) ?? .nil, "as_of": .string(r.asOf.description), "total": .integer(r.total.fen),
            "overdue": .integer(r.overdue.fen),
            "administration": .integer(r.byPart.administration.fen), "union": .integer(r.byPart.union.fen),
            "member": .integer(r.byPart.member.fen), "bands": .table(bands),
            "bills": .array(r.lines.map { line in
                let b = line.bill
                return .table([
                    "id": b.bill.id.map(LuaValue.integer) ?? .nil, "unit": .string(b.bill.unitCode), "kind": .string(b.bill.kind.rawValue),
                    "issued": .string(b.bill.issuedOn.description), "due": .string(b.bill.dueOn.description),
                    "charged": .integer(b.charged.fen), "settled": .integer(b.settled.fen), "open": .integer(b.open.fen),
                    "administration": .integer(b.openParts.administration.fen), "union": .integer(b.openParts.union.fen),
                    "member": .integer(b.openParts.member.fen), "age": .integer(Int64(line.ageDays)),
                    "band": .string(line.band.rawValue), "overdue": .boolean(line.overdue),
                ])
            }),
        ])
    }

    static let classes: [LuaClassDoc] = [
        LuaClassDoc("huzhu.Receipt", fields: [
            .init("id", "integer"), .init("reference", "string", "the bank's reference"), .init("date", "string"),
            .init("payer", "string", "as the statement names it"), .init("unit", "string?", "nil when the payer is no unit"),
            .init("amount", "integer", "fen"), .init("entry", "integer", "the ledger entry"),
            .init("applied", "integer", "fen applied to bills"), .init("unapplied", "integer", "fen held in receipts:unapplied"),
            .init("reason", "string?", "why money was held, e.g. \"E911 …\""),
            .init("settled", "{bill: integer, amount: integer, administration: integer, union: integer, member: integer}[]",
                  "the bills settled, oldest first; fen"),
        ]),
        LuaClassDoc("huzhu.Owed", fields: [
            .init("unit", "string?"), .init("as_of", "string"), .init("total", "integer", "fen open"),
            .init("overdue", "integer", "fen open past the due day"),
            .init("administration", "integer"), .init("union", "integer"), .init("member", "integer", "fen open by payer part"),
            .init("bands", "table<string, integer>", "fen open by age band: \"0-30\", \"31-90\", \">90\""),
            .init("bills", "{id: integer, unit: string, kind: string, issued: string, due: string, charged: integer, settled: integer, open: integer, administration: integer, union: integer, member: integer, age: integer, band: string, overdue: boolean}[]",
                  "the open bills, oldest first"),
        ]),
    ]
}
