extension PlansFile {
    /// Writes plans and their terms as plans.toml: the first term of each
    /// plan with all its rules, each later one `like` the one before with
    /// only what differs (an optional limit removed is written `false`).
    ///
    /// - Parameters:
    ///   - plans: The plans with their terms, earliest first.
    ///   - header: Comment lines written at the top (without `#`).
    /// - Returns: The file's text.
    public static func render(_ plans: [PlanDefinition], header: [String] = []) -> String {
        var out = header.map { "# \($0)".trimmingTrailingSpaces() + "\n" }.joined()
        for definition in plans {
            let plan = definition.plan
            out += "\n[[plan]]\n"
            out += "code = \(quoted(plan.code))\n"
            out += "name = \(quoted(plan.name))\n"
            out += "kind = \(quoted(PlanFieldDecoder.name(of: plan.kind)))\n"
            if let group = plan.exclusiveGroup { out += "exclusive_group = \(quoted(group))\n" }
            var previous: TermDefinition?
            for term in definition.terms {
                out += "\n[[plan.term]]\n"
                out += "label = \(quoted(term.label))\n"
                out += "start = \(term.start)\n"
                if let years = (1...3).first(where: { term.start.adding(years: $0).adding(days: -1) == term.end }) {
                    out += "years = \(years)\n"
                } else {
                    out += "end = \(term.end)\n"
                }
                if let previous {
                    out += "like = \(quoted(previous.label))\n"
                    let changed = Set(term.rules.differences(from: previous.rules))
                    out += lines(term.rules, only: changed)
                } else {
                    out += lines(term.rules, only: nil)
                }
                previous = term
            }
        }
        return out
    }

    /// The rule lines: all set fields (`only` nil) or the fields named.
    static func lines(_ r: PlanRules, only: Set<String>?) -> String {
        var out = ""
        func line(_ key: String, _ value: String?) {
            if let only, !only.contains(key) { return }
            if let value { out += "\(key) = \(value)\n" } else if only != nil { out += "\(key) = false\n" }
        }
        line("price", yuan(r.pricePerShare))
        line("max_shares", String(r.maxShares))
        line("min_age", r.minAge.map(String.init))
        line("max_age", r.maxAge.map(String.init))
        line("gender", r.gender.map { quoted($0.rawValue) } ?? (only == nil ? nil : quoted("any")))
        line("waiting_days", String(r.waitingPeriodDays))
        line("deductible", yuan(r.deductible))
        line("ratio", PlanRulesFields.percent(r.paymentRatio))
        line("benefit_base", quoted(r.benefitBase == .selfPaid ? "self_paid" : "total"))
        line("per_claim_cap", r.perClaimCap.map(yuan))
        line("per_term_cap", r.perTermCap.map(yuan))
        if only == nil ? !r.benefits.isEmpty : only!.contains("benefits") {
            let items = r.benefits.map { "  { code = \(quoted($0.code)), name = \(quoted($0.name)), amount = \(yuan($0.amount)) },\n" }
            out += "benefits = [\n" + items.joined() + "]\n"
        }
        line("report_days", String(r.reportWindowDays))
        line("lapse_days", String(r.lapseWindowDays))
        line("group_min_percent", r.groupMinimumPercent.map(String.init))
        line("group_everyone_below", r.groupSmallUnitThreshold.map(String.init))
        line("refund", quoted(r.refund.rawValue))
        line("leaving", quoted(r.leaving.rawValue))
        return out
    }

    /// Yuan with two decimals, a TOML float: `36.00`.
    static func yuan(_ amount: Money) -> String { amount.description }

    /// A TOML basic string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
