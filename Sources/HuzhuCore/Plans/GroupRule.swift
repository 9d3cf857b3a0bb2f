/// A plan's rule for a unit's group enrollment.
///
/// A unit with fewer than ``smallUnitThreshold`` employees must enroll all
/// of them; a larger unit must enroll at least ``minimumPercent`` percent.
/// The count is of the unit's members holding the plan term after the
/// batch; the base is the unit's employee headcount for the term's year.
///
/// ```swift
/// GroupRule(minimumPercent: 50, smallUnitThreshold: 30)
/// // 12 employees → all 12 must enroll; 100 employees → at least 50
/// ```
public struct GroupRule: Hashable, Sendable {
    /// The smallest share of employees, in percent (1–100).
    public var minimumPercent: Int
    /// Units with fewer employees than this enroll everyone; 0 for no such rule.
    public var smallUnitThreshold: Int

    /// Creates a rule.
    public init(minimumPercent: Int, smallUnitThreshold: Int = 0) {
        self.minimumPercent = minimumPercent
        self.smallUnitThreshold = smallUnitThreshold
    }

    /// How many of `employees` must be enrolled.
    ///
    /// Everyone below the threshold; else ⌈employees × percent ÷ 100⌉
    /// (exactly, in integers: 50% of 31 is 16).
    public func required(employees: Int) -> Int {
        if employees < smallUnitThreshold { return employees }
        return (employees * minimumPercent + 99) / 100
    }
}
