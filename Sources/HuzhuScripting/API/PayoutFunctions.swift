import Foundation
import HuzhuCore
import LuaHost

/// `huzhu.payouts`: payee bank accounts and bank payout batches (代发). Account numbers are masked in everything returned.
enum PayoutFunctions {
    static func account(_ payee: PayeeAccount?) -> LuaValue {
        guard let payee else { return .nil }
        return .table(["name": .string(payee.name), "bank": .string(payee.bank), "account": .string(payee.account),
                       "other_payee": .boolean(payee.otherPayee)])
    }

    static func item(_ item: PayoutItem) -> LuaValue {
        .table(["claim": .integer(item.claimID), "reference": .string(item.reference), "payee": .string(item.payee),
                "account": .string(item.accountMasked), "amount": .integer(item.amount.fen),
                "status": .string(item.status.rawValue), "date": item.answeredOn.map { .string($0.description) } ?? .nil,
                "message": item.message.map(LuaValue.string) ?? .nil])
    }

    static let accountDoc = "{name: string, bank: string, account: string, other_payee: boolean}"
    static let itemDoc = "{claim: integer, reference: string, payee: string, account: string, amount: integer, status: string, date: string?, message: string?}"

    static func module(_ state: RunState) -> LuaModule {
        var m = LuaModule("payouts", summary: "Payee bank accounts and bank payout batches (代发). Account numbers come back masked (6222 **** **** 7894); only the bank's file holds them in full.")
        m.function("set_account", doc: LuaDoc(
            "Sets (or replaces) a member's payee bank account. UnionPay card numbers (62…, 16–19 digits) must pass the check digit (E316); other numbers are 10–30 digits (E317); the bank is required (E318).",
            params: [.init("member", "string", "resident ID"),
                     .init("account", "{bank: string, account: string}", "account: digits, spaces or hyphens allowed")],
            returns: [.init(accountDoc, "account masked")])) { call in
            try state.refuseInRule("huzhu.payouts.set_account")
            let residentID = try call.string(1)
            let o = try Options(call, 2, allowed: ["bank", "account"])
            let payee = try state.services.payouts.setMemberAccount(
                try state.db(), residentID: residentID, bank: try o.string("bank") ?? "",
                account: try o.requiredString("account"), context: state.context)
            return try call.push(account(payee))
        }
        m.function("account", doc: LuaDoc(
            "A member's payee bank account (masked), or nil.",
            params: [.init("member", "string", "resident ID")], returns: [.init(accountDoc + "?")])) { call in
            try call.push(account(try state.services.payouts.memberAccount(try state.db(), residentID: try call.string(1))))
        }
        m.function("set_payee", doc: LuaDoc(
            "Names another payee of a claim (e.g. a death benefit's beneficiary), paid instead of the member's account. The name is required (E939); the account is checked as for `set_account`.",
            params: [.init("claim", "integer"), .init("payee", "{name: string, bank: string, account: string}")],
            returns: [.init(accountDoc, "account masked")])) { call in
            try state.refuseInRule("huzhu.payouts.set_payee")
            let id = try call.integer(1)
            let o = try Options(call, 2, allowed: ["name", "bank", "account"])
            let payee = try state.services.payouts.setClaimPayee(
                try state.db(), claimID: id, name: try o.string("name") ?? "", bank: try o.string("bank") ?? "",
                account: try o.requiredString("account"), context: state.context)
            return try call.push(account(payee))
        }
        m.function("payee", doc: LuaDoc(
            "Who a claim is paid to (masked): its other payee, else the member's account; nil when neither.",
            params: [.init("claim", "integer")], returns: [.init(accountDoc + "?")])) { call in
            try call.push(account(try state.services.payouts.payee(try state.db(), claimID: try call.integer(1))))
        }
        m.function("batch", doc: LuaDoc(
            "Writes the bank's batch file (UTF-8 with BOM; reference,payee,account,amount; owner-only) for every approved claim with an amount payable and a payee account, and marks them sent; the file appears when the run commits. Refused when nothing is to pay (E931), when the total is more than the bank balance (E932), or when the file exists (E938).",
            params: [.init("options", "{out: string, date?: string}", "out: the file to write; date: the day sent (default today)")],
            returns: [.init("{batch: integer, count: integer, total: integer, file: string, items: " + itemDoc + "[]}", "total: fen")])) { call in
            try state.refuseInRule("huzhu.payouts.batch")
            let o = try Options(call, 1, allowed: ["out", "date"])
            let out = URL(fileURLWithPath: try o.requiredString("out"))
            let workspace = state.databasePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
            let result = try state.services.payouts.batch(try state.db(), file: out, workspace: workspace,
                                                          on: try ClaimFunctions.date(o, "date"), context: state.context)
            return try call.push(.table(["batch": .integer(result.batch.id!), "count": .integer(Int64(result.batch.count)),
                                         "total": .integer(result.batch.total.fen), "file": .string(result.batch.file),
                                         "items": .array(result.items.map(item))]))
        }
        m.function("reconcile", doc: LuaDoc(
            "Reads the bank's answer (reference,status,date,message; success/failed or 成功/失败; UTF-8 or GB18030): successes pay their claims on the bank's date, failures leave them approved for the next batch with the bank's message. All or nothing: an unknown reference is E934 naming the line.",
            params: [.init("options", "{file: string}")],
            returns: [.init("{paid: " + itemDoc + "[], failed: " + itemDoc + "[], paid_total: integer}")])) { call in
            try state.refuseInRule("huzhu.payouts.reconcile")
            let o = try Options(call, 1, allowed: ["file"])
            let result = try state.services.payouts.reconcile(
                try state.db(), file: URL(fileURLWithPath: try o.requiredString("file")), context: state.context)
            return try call.push(.table(["paid": .array(result.paid.map(item)), "failed": .array(result.failed.map(item)),
                                         "paid_total": .integer(result.paidTotal.fen)]))
        }
        return m
    }
}
