import HuzhuCore
import LuaHost

/// `huzhu.ledger`: the fund's append-only double-entry ledger (帐目).
enum LedgerFunctions {
    static let filterKeys = ["from", "to", "account", "kind", "policy", "claim", "unit"]
    static let filterDoc = LuaDoc.Param(
        "filter", "{from?: string, to?: string, account?: string, kind?: string, policy?: integer, claim?: integer, unit?: string}?",
        "from/to: entry date (YYYY-MM-DD); account: e.g. fund:cash; kind: contribution, refund, reversal, payout, adjustment, receipt, application, migration, approval, owed, repayment; policy, claim: linked record id; unit: the entry's unit subtree")

    static func filter(_ call: LuaCall) throws -> LedgerFilter {
        let o = try Options(call, 1, allowed: filterKeys)
        return LedgerFilter(from: try o.string("from").map { try CivilDate(parsing: $0) },
                            to: try o.string("to").map { try CivilDate(parsing: $0) },
                            account: try o.string("account").map { try LedgerAccount(parsing: $0) },
                            kind: try o.choice("kind", LedgerEntryKind.self, names: LedgerEntryKind.allCases.map(\.rawValue)),
                            policyID: try o.integer("policy"), claimID: try o.integer("claim"), unit: try o.string("unit"))
    }

    static func module(_ state: RunState) -> LuaModule {
        var m = LuaModule("ledger", summary: "The mutual-aid fund's append-only double-entry ledger (帐目清楚). Money in fen.")
        m.function("balance", doc: LuaDoc(
            "An account's balance on its normal side (debit for assets and expenses: fund:cash, receivable:contributions, members:owe, benefits:paid; credit for liabilities and income: receipts:unapplied, refunds:payable, benefits:payable, contributions), over entries dated on or before `as_of` (all when nil).",
            params: [.init("account", "string", "fund:cash, receivable:contributions, receipts:unapplied, refunds:payable, contributions:administration, contributions:union, contributions:member, benefits:payable, benefits:paid, members:owe"),
                     .init("as_of", "string?", "YYYY-MM-DD")],
            returns: [.init("integer", "fen")])) { call in
            let account = try LedgerAccount(parsing: try call.string(1))
            let asOf = try call.optionalString(2).map { try CivilDate(parsing: $0) }
            return call.push(try state.services.ledger.balance(try state.db(), account: account, asOf: asOf).fen)
        }
        m.function("each", doc: LuaDoc(
            "Iterates journal entries with their lines, oldest first, in constant memory: `for e in huzhu.ledger.each{kind = \"payout\"} do … end`.",
            params: [filterDoc], returns: [.init("fun(): huzhu.LedgerEntry?")])) { call in
            let filter = try filter(call)
            return try pushPagedIterator(call, name: "entries", fetch: { after in
                try state.services.ledger.page(try state.db(), filter, after: after, limit: 256)
            }, key: { $0.entry.id }, convert: Records.ledgerEntry)
        }
        m.function("check", doc: LuaDoc(
            "Proves the books: every entry balances and the accounts agree with the policies' splits and the paid claims. Returns the discrepancies, empty when the books balance.",
            returns: [.init("string[]", "one line per discrepancy, e.g. \"policy 7 contributions:member: ledger 0.00, policy 26.00 (differs by -26.00)\"")])) { call in
            let report = try state.services.ledger.check(try state.db())
            var lines = report.discrepancies.map { LuaValue.string($0.description) }
            if report.omitted > 0 { lines.append(.string("… and \(report.omitted) more")) }
            return try call.push(.array(lines))
        }
        ReceiptFunctions.register(&m, state)
        m.function("trial_balance", doc: LuaDoc(
            "The trial balance (试算平衡表): every account of the chart with its debits, credits and balance (fen) over entries dated on or before `as_of` (all when nil), and the totals, equal when the books balance.",
            params: [.init("options", "{as_of?: string}?", "as_of: YYYY-MM-DD")],
            returns: [.init("{accounts: {account: string, name: string, debits: integer, credits: integer, balance: integer}[], debits: integer, credits: integer, balanced: boolean}")])) { call in
            let o = try Options(call, 1, allowed: ["as_of"])
            let asOf = try o.string("as_of").map { try CivilDate(parsing: $0) }
            let trial = try state.services.ledger.trialBalance(try state.db(), asOf: asOf)
            return try call.push(.table([
                "accounts": .array(trial.accounts.map { b in
                    .table(["account": .string(b.account.rawValue), "name": .string(b.account.chinese),
                            "debits": .integer(b.debits.fen), "credits": .integer(b.credits.fen), "balance": .integer(b.balance.fen)])
                }),
                "debits": .integer(trial.debits.fen), "credits": .integer(trial.credits.fen), "balanced": .boolean(trial.isBalanced),
            ]))
        }
        m.function("close", doc: LuaDoc(
            "Closes the books through a month, as `huzhu ledger close` does: from then on an entry dated in that month or before is refused (E950) by every posting path; corrections go to the open period. Forward-only (E951 for a month already closed), past months only (E952); a federation operation (E251 in a scoped run); audited.",
            params: [.init("options", "{through: string}", "through: YYYY-MM")],
            returns: [.init("huzhu.LedgerClosing")])) { call in
            try state.refuseInRule("huzhu.ledger.close")
            let o = try Options(call, 1, allowed: ["through"])
            let through = try o.requiredString("through")
            return try call.push(closing(try state.services.ledger.close(try state.db(), through: through, context: state.context)))
        }
        m.function("periods", doc: LuaDoc(
            "The closings of the books, oldest first; the last is the period closed (empty while every date is open).",
            returns: [.init("huzhu.LedgerClosing[]")])) { call in
            return try call.push(.array(try state.services.ledger.periods(try state.db()).map(closing)))
        }
        return m
    }

    /// A closing as Lua sees it.
    static func closing(_ c: LedgerClosing) -> LuaValue {
        .table(["through": .string(c.throughMonth), "last_day": .string(c.throughDate.description),
                "closed_on": .string(c.closedOn.description), "operator": .string(c.operatorName)])
    }
}
