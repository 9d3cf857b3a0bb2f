import HuzhuCore

/// A claim as readable text, for `huzhu claims show` and `huzhu explain claim`:
/// plain words and amounts in yuan, never a Swift value's dump.
enum ClaimText {
    /// `claim 3: member 340104********0011 (王一), plan ACC term 2026, accident, paid since 2026-09-30`.
    static func heading(_ detail: ClaimDetail, unmasked: Bool) -> String {
        let c = detail.claim
        return "claim \(c.id!): member \(unmasked ? detail.residentID.value : detail.residentID.masked), plan \(c.planCode) "
            + "term \(detail.termLabel), \(c.kind.rawValue), \(c.status.rawValue) (\(c.status.chinese)) since \(c.statusSince)"
    }

    /// The dates and the expenses.
    static func facts(_ detail: ClaimDetail) -> [String] {
        let c = detail.claim
        var lines = ["  incident \(c.incidentDate), reported \(c.reportedOn)"
                     + (c.lateReport ? " (late: deadline \(c.reportDeadline))" : "") + ", lapses \(c.lapseDate)"]
        if c.admissionDate != nil || c.dischargeDate != nil || c.settlementDate != nil {
            lines.append("  hospital: " + [c.admissionDate.map { "admitted \($0)" }, c.dischargeDate.map { "discharged \($0)" },
                                            c.settlementDate.map { "settled \($0)" }].compactMap { $0 }.joined(separator: ", "))
        }
        if let diagnosis = c.diagnosis { lines.append("  diagnosis \(diagnosis)") }
        if let item = c.benefitItemCode { lines.append("  benefit item \(item)") }
        lines.append("  expenses: total \(c.totalExpense), basic medical insurance \(c.insurancePaid), self-paid \(c.selfPaid)")
        return lines
    }

    /// Where the decision stands: approved amount or rejection.
    static func decision(_ detail: ClaimDetail) -> [String] {
        let c = detail.claim
        var lines: [String] = []
        if let amount = c.approvedAmount { lines.append("  approved \(amount) yuan") }
        if let reason = c.rejectionReason { lines.append("  rejected: \(reason.text()) (\(reason.message(.chinese)))") }
        return lines
    }

    /// Each review round: when opened and why, the decision and how its amount was computed.
    static func reviews(_ detail: ClaimDetail) -> [String] {
        var lines: [String] = []
        for r in detail.reviews {
            var head = "  review round \(r.round): opened \(r.openedOn) by \(r.openedBy)"
            if let note = r.openNote, !note.isEmpty, r.decision == nil || note != r.note { head += " (\(note))" }
            switch r.decision {
            case .approved?:
                head += "; approved \(r.approvedAmount?.description ?? "?") on \(r.decidedOn?.description ?? "?") by \(r.decidedBy ?? "?")"
            case .rejected?:
                head += "; rejected on \(r.decidedOn?.description ?? "?") by \(r.decidedBy ?? "?"): "
                    + (r.rejectionReason.map { $0.text() } ?? "no reason")
            default:
                head += "; not decided yet"
            }
            lines.append(head)
            if let script = r.scriptName { lines.append("    through \(script)" + (r.scriptSHA256.map { " (\($0.prefix(12)))" } ?? "")) }
            if let computed = r.computedAmount {
                var text = "    computed: base \(r.computedBase ?? .zero) − deductible \(r.deductible ?? .zero)"
                if let ratio = r.paymentRatio { text += ", × \(percent(ratio))" }
                text += " = \(r.beforeCaps ?? computed)"
                switch r.capApplied {
                case .perClaim?: text += ", per-claim cap"
                case .perTerm?: text += ", per-term cap"
                case nil: break
                }
                text += " → \(computed)"
                lines.append(text)
            }
            if let rule = r.topUpRule, !rule.isEmpty {
                lines.append("    top-up by rule \(rule)" + (r.topUpRuleSHA256.map { " (\($0.prefix(12)))" } ?? "")
                             + ": proposed \(r.topUpProposed ?? .zero), within the caps \(r.topUpCapped ?? .zero)"
                             + (r.topUpNote.map { "; \($0)" } ?? ""))
            }
            if let note = r.note, !note.isEmpty, r.decision != nil { lines.append("    note: \(note)") }
        }
        return lines
    }

    /// The checklist: handed in, missing and extras.
    static func documents(_ detail: ClaimDetail) -> [String] {
        func names(_ documents: [ClaimDocument]) -> String {
            documents.isEmpty ? "none" : documents.map { "\($0.rawValue) \($0.chinese)" }.joined(separator: ", ")
        }
        let provided = detail.documents.filter(\.provided).map(\.document)
        return ["  documents handed in: \(names(provided))", "  documents missing: \(names(detail.missingDocuments))"]
    }

    /// The transitions, oldest first.
    static func events(_ detail: ClaimDetail) -> [String] {
        ["  events:"] + detail.events.map { e in
            "    \(e.on) \(e.fromStatus.map { "\($0.rawValue) → " } ?? "")\(e.toStatus.rawValue) by \(e.operatorName)"
                + (e.scriptName.map { " through \($0)" } ?? "") + (e.note.map { ": \($0)" } ?? "")
        }
    }

    /// The payments, further payments and amounts owed back.
    static func payments(_ detail: ClaimDetail) -> [String] {
        var lines: [String] = []
        if let p = detail.payment {
            lines.append("    \(p.paidOn) paid \(p.amount) by \(p.method.rawValue) \(p.reference)"
                         + (p.ledgerEntryID.map { " (ledger entry \($0))" } ?? ""))
        }
        for a in detail.adjustments {
            switch a.kind {
            case .furtherPayment:
                lines.append("    \(a.on) further payment \(a.amount) by \(a.method?.rawValue ?? "?") \(a.reference ?? "")"
                             + (a.ledgerEntryID.map { " (ledger entry \($0))" } ?? "") + " after review round \(a.round)")
            case .owed:
                lines.append("    \(a.on) owed back \(a.amount) after review round \(a.round)")
            case .owedCancelled:
                lines.append("    \(a.on) owed back cancelled \(a.amount) after review round \(a.round)")
            }
        }
        for r in detail.repayments {
            lines.append("    \(r.on) repaid \(r.amount) by \(r.method.rawValue) \(r.reference)"
                         + (r.ledgerEntryID.map { " (ledger entry \($0))" } ?? ""))
        }
        guard !lines.isEmpty else { return ["  payments: none"] }
        let money = detail.money
        let owed = money.owed.fen > 0 ? ", \(money.owed) owed back by the member"
            + (money.repaid.fen > 0 ? " (\(money.repaid) repaid, \(money.outstanding) still owed)" : "") : ""
        return ["  payments:"] + lines + ["  paid \(money.paid) in all" + owed]
    }

    /// Who the claim is paid to, the account masked: `  payee: 李四 (other payee), 中国银行 6222 **** **** 7894`.
    static func payee(_ payee: PayeeAccount?) -> [String] {
        guard let payee else { return ["  payee: no bank account (huzhu payouts account / payee)"] }
        return ["  payee: \(payee.name)\(payee.otherPayee ? " (other payee)" : ""), \(payee.bank) \(payee.account)"]
    }

    /// `80.00%`.
    static func percent(_ basisPoints: Int) -> String {
        "\(basisPoints / 100).\(CivilDate.pad(basisPoints % 100, 2))%"
    }
}
