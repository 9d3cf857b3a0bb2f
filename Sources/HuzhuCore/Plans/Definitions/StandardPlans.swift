/// The plans.toml `huzhu init` writes: the four standard plans of a
/// federation's programme with realistic rules (docs/plans.md, from
/// published notices), each with a term covering `today`, commented field
/// by field so that a union can review and change them before
/// `huzhu plans apply plans.toml`.
public enum StandardPlans {
    /// The start of the programme year covering `today`: 07-01 of this year, or of last year before July.
    public static func termStart(covering today: CivilDate) -> CivilDate {
        CivilDate(year: today.month >= 7 ? today.year : today.year - 1, month: 7, day: 1)!
    }

    /// The text of plans.toml with terms covering `today`.
    public static func text(today: CivilDate) -> String {
        let start = termStart(covering: today)
        let label = String(start.year)
        return """
        # The union's protection plans (保障计划) and their terms (保障期).
        # Review and change them, then: huzhu plans check plans.toml && huzhu plans apply plans.toml
        # Every field is explained in docs/plans.md. Money in yuan, ratio in percent, windows in days.
        # A term carries its own rules; once it has policies they cannot change: add a new term
        # ([[plan.term]] with label, start, years and like = "\(label)", then only what differs).

        [[plan]]
        code = "ACC"
        name = "职工意外伤害互助保障"
        kind = "accident"

        [[plan.term]]
        label = "\(label)"
        start = \(start)
        years = 1
        price = 26.00                # per share; tiers of 26 / 50 / 74 / 100 yuan are 1–4 shares
        max_shares = 4
        min_age = 16                 # age at the term's start
        max_age = 60
        waiting_days = 0             # accident plans have no waiting period
        per_term_cap = 20000.00      # per share
        benefits = [                 # fixed sums per share
          { code = "injury", name = "意外伤害住院", amount = 1000.00 },
          { code = "disability", name = "意外伤残", amount = 10000.00 },
          { code = "death", name = "意外身故", amount = 20000.00 },
        ]
        report_days = 10             # report within 10 days of discharge (late reports are flagged)
        lapse_days = 730             # a claim lapses 2 years after the hospital settlement
        group_min_percent = 50       # a unit enrols at least 50% of its employees …
        group_everyone_below = 30    # … and everyone if it has fewer than 30
        refund = "before_start"      # cancelled: full refund before the cover starts, none after
        leaving = "keep"             # a member who leaves keeps cover to the term's end

        [[plan]]
        code = "INP"
        name = "职工住院医疗互助保障"
        kind = "inpatient"

        [[plan.term]]
        label = "\(label)"
        start = \(start)
        years = 1
        price = 36.00                # 60.00 in some cities for public institutions
        max_shares = 1
        min_age = 16
        max_age = 60
        waiting_days = 90            # for the first enrolment; continuous cover carries over
        deductible = 500.00
        ratio = 70                   # 70% of the self-paid amount above the deductible
        benefit_base = "self_paid"   # or "total": a share of the whole bill
        per_claim_cap = 50000.00
        per_term_cap = 50000.00
        report_days = 10
        lapse_days = 730
        group_min_percent = 50
        group_everyone_below = 30
        refund = "before_start"
        leaving = "keep"

        [[plan]]
        code = "FEM"
        name = "女职工特殊疾病互助保障"
        kind = "female_disease"

        [[plan.term]]
        label = "\(label)"
        start = \(start)
        years = 2
        price = 50.00                # 25 yuan a year
        max_shares = 1
        min_age = 16
        max_age = 55
        gender = "female"
        waiting_days = 90
        benefits = [
          { code = "cancer", name = "女性特殊癌症", amount = 6000.00 },
          { code = "both", name = "子宫及卵巢全部切除", amount = 3000.00 },
          { code = "one", name = "子宫或卵巢切除", amount = 2000.00 },
          { code = "fibroid", name = "子宫肌瘤切除", amount = 1000.00 },
        ]
        report_days = 10
        lapse_days = 730
        refund = "before_start"
        leaving = "keep"

        [[plan]]
        code = "CI"
        name = "职工重大疾病互助保障"
        kind = "critical_illness"

        [[plan.term]]
        label = "\(label)"
        start = \(start)
        years = 3
        price = 90.00                # 30 yuan a year
        max_shares = 1
        min_age = 16
        max_age = 55
        waiting_days = 90
        benefits = [
          { code = "mild", name = "轻症", amount = 3000.00 },
          { code = "severe", name = "重症", amount = 10000.00 },
        ]
        report_days = 10
        lapse_days = 730
        refund = "before_start"
        leaving = "keep"

        """
    }
}
