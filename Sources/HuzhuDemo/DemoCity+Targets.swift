import HuzhuCore

// MARK: - Annual targets

extension DemoCity {
    /// What a unit's subtree enrolled this year: distinct members and contributions.
    struct Enrolled {
        var members = 0
        var contributions: Int64 = 0
    }

    /// Sets the programme year's all-plans targets of the federation and of
    /// every union under it (年度目标), dated ``registrationDay``: members and
    /// contributions each 85–105% of what the subtree enrolls this year (two
    /// separate draws; contributions rounded to the yuan), so some units
    /// reach their target during the year, on different days, and some do not.
    ///
    /// - Parameters:
    ///   - db: A connection, in the build's transaction.
    ///   - enrolled: What each union under the federation enrolled, by index in ``topUnits``.
    ///   - random: The targets' own stream.
    ///   - context: The context of the day the targets are set.
    /// - Returns: The number of targets set.
    static func setTargets(_ db: DatabaseConnection, enrolled: [Enrolled], random: inout SplitMix64,
                           context: WriteContext) throws -> Int {
        let targets = TargetService()
        var city = Enrolled()
        for part in enrolled {
            city.members += part.members
            city.contributions += part.contributions
        }
        let codes = topUnits.map(\.code) + [federationCode]
        for (code, actual) in zip(codes, enrolled + [city]) {
            let members = actual.members * random.int(in: 850...1_050) / 1_000
            let fen = actual.contributions * Int64(random.int(in: 850...1_050)) / 1_000
            try targets.set(db, Target(unitCode: code, year: programmeYear, members: members,
                                       contributions: Money(fen: (fen + 50) / 100 * 100)),
                            context: context)
        }
        return codes.count
    }
}
