import GRDB

/// The checks one member must pass to enroll in one plan term, shared by
/// single and group enrollment.
enum EligibilityRules {
    /// Every reason the member may not enroll (E501–E506), empty if none.
    ///
    /// - Parameters:
    ///   - db: A connection.
    ///   - member: The member.
    ///   - plan: The plan.
    ///   - term: The term (of `plan`).
    ///   - shares: The shares asked for, or `nil` to skip that check (a
    ///     group enrollment checks shares once for the batch).
    static func failures(_ db: Database, member: Member, plan: Plan, term: PlanTerm,
                         shares: Int?) throws -> [ValidationFailure] {
        var standing = Standing(holdsTerm: try PolicyStore.holds(db, memberID: member.id!, termID: term.id!))
        if let group = plan.exclusiveGroup {
            standing.exclusive = try PolicyStore.exclusivePolicy(db, memberID: member.id!, group: group,
                                                                 otherThan: plan.code, overlapping: term)
        }
        return failures(member: member, plan: plan, term: term, shares: shares, standing: standing)
    }

    /// A member's standing in other policies, read beforehand: one member's
    /// with two queries, or a whole unit's with set queries (group enrolment).
    struct Standing {
        /// The member already holds a policy in the term.
        var holdsTerm: Bool
        /// A policy of another plan of the same exclusive group in an overlapping term.
        var exclusive: (plan: String, term: String)? = nil
    }

    /// Why a member may not enroll, given the member's standing: the one
    /// rule every way of enrolling applies.
    static func failures(member: Member, plan: Plan, term: PlanTerm, shares: Int?,
                         standing: Standing) -> [ValidationFailure] {
        var failures = FailureCollector()
        let subject = ValidationFailure.Subject.member(member.residentID.value)
        if member.status != .active {
            failures.add(.memberNotActive, field: "residentID", subject: subject, [
                "status": member.status.rawValue,
                "date": member.status.since(member)?.description ?? "?",
            ])
        }
        if let shares, !(1...max(1, plan.maxShares)).contains(shares) {
            failures.add(sharesFailure(shares, plan: plan, subject: subject))
        }
        if standing.holdsTerm {
            failures.add(.policyOverlap, field: "plan", value: .plain(plan.code), subject: subject,
                         ["plan": plan.code, "term": term.label])
        }
        if let group = plan.exclusiveGroup, let other = standing.exclusive {
            failures.add(.exclusivePlanHeld, field: "plan", value: .plain(plan.code), subject: subject,
                         ["other": other.plan, "otherTerm": other.term, "plan": plan.code, "group": group])
        }
        let age = member.age(on: term.startDate)
        if !ageFits(age, plan: plan) { failures.add(ageFailure(age, plan: plan, term: term, subject: subject)) }
        if !genderFits(member.gender, plan: plan), let gender = plan.gender {
            failures.add(.genderIneligible, field: "plan", value: .plain(plan.code), subject: subject,
                         ["plan": plan.code, "gender": gender.rawValue])
        }
        return failures.failures
    }

    static func ageFits(_ age: Int, plan: Plan) -> Bool {
        if let minAge = plan.minAge, age < minAge { return false }
        if let maxAge = plan.maxAge, age > maxAge { return false }
        return true
    }

    /// Whether the plan admits a gender.
    static func genderFits(_ gender: Gender, plan: Plan) -> Bool {
        plan.gender.map { $0 == gender } ?? true
    }

    /// E502 for shares outside 1…maximum.
    static func sharesFailure(_ shares: Int, plan: Plan, subject: ValidationFailure.Subject) -> ValidationFailure {
        ValidationFailure(.sharesOutOfRange, field: "shares", value: .plain(String(shares)), subject: subject,
                          ["max": String(plan.maxShares), "shares": String(shares)])
    }

    private static func ageFailure(_ age: Int, plan: Plan, term: PlanTerm,
                                   subject: ValidationFailure.Subject) -> ValidationFailure {
        ValidationFailure(.ageIneligible, field: "plan", value: .plain(plan.code), subject: subject,
                          ["age": String(age), "start": term.startDate.description, "range": plan.ageRangeText])
    }
}
