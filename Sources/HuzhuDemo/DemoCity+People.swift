import HuzhuCore

// MARK: - Members

extension DemoCity {
    /// A member to register, and the status to give them afterwards.
    struct Person {
        var draft: MemberDraft
        var female: Bool
        var status: MemberStatus
        /// When they retired or left; `nil` for an active member.
        var statusDate: CivilDate?
    }

    /// Draws members: Chinese names, resident IDs that are valid and
    /// unique, birth dates, join dates, phones, hardship and status.
    ///
    /// Active men are 18–59 and active women 18–54 at the term start (an
    /// age pyramid peaking in the late thirties); about 1.2% have retired
    /// (men at 60, women at 50 or 55, since 2016) and 0.8% have left.
    struct PersonFactory {
        /// The 17-digit bodies of the IDs drawn so far, as numbers.
        private var used = Set<UInt64>()
        private let surnameWeights = DemoNames.surnames.map(\.1)

        /// A new member of a unit under a parent.
        mutating func person(unitCode: String, parent: TopUnit, random: inout SplitMix64) -> Person {
            let female = random.chance(perMille: parent.femalePerMille)
            let roll = random.int(in: 0...999)
            let status: MemberStatus = roll < 12 ? .retired : roll < 20 ? .left : .active
            let birth: CivilDate, joinedOn: CivilDate
            var statusDate: CivilDate?
            let lastDay = DemoCity.registrationDay.adding(days: -1)
            switch status {
            case .retired:
                let retiredOn = DemoCity.firstRetirement.adding(
                    days: random.int(in: 0...DemoCity.firstRetirement.days(until: lastDay)))
                let age = female ? random.pick([50, 55]) : 60
                birth = retiredOn.adding(years: -age).adding(days: -random.int(in: 0...180))
                let earliest = max(birth.adding(years: 20), DemoCity.earliestJoin)
                joinedOn = earliest.adding(days: random.int(in: 0...max(0, earliest.days(until: retiredOn.adding(years: -1)))))
                statusDate = retiredOn
            case .active, .left, .deceased:
                let span = (female ? 54 : 59) - 18
                let age = 18 + (random.int(in: 0...span) + random.int(in: 0...span) + 1) / 2
                birth = DemoCity.termStart.adding(years: -age).adding(days: -random.int(in: 0...364))
                let earliest = max(birth.adding(years: 18), DemoCity.earliestJoin)
                joinedOn = earliest > lastDay ? max(birth, lastDay)
                    : earliest.adding(days: random.int(in: 0...earliest.days(until: lastDay)))
                if status == .left {
                    statusDate = joinedOn.adding(days: random.int(in: 0...joinedOn.days(until: lastDay)))
                }
            }
            let area = random.chance(perMille: 700) ? random.pick(parent.areaCodes) : random.pick(DemoNames.anhuiAreaCodes)
            let residentID = self.residentID(area: area, birth: birth, female: female, random: &random)
            let given = female ? DemoNames.femaleGiven : DemoNames.maleGiven
            var name = DemoNames.surnames[random.index(weightedBy: surnameWeights)].0 + random.pick(given)
            if random.chance(perMille: 700) { name += random.pick(given) }
            let phoneRoll = random.int(in: 0...999)
            var phone: String?
            if phoneRoll < 650 {
                phone = random.pick(DemoNames.mobilePrefixes) + CivilDate.pad(random.int(in: 0...99_999_999), 8)
            } else if phoneRoll < 730 {
                phone = "0551-6" + CivilDate.pad(random.int(in: 0...9_999_999), 7)
            }
            let draft = MemberDraft(residentID: residentID, name: name, unitCode: unitCode, phone: phone,
                                    hardship: random.chance(perMille: 50), joinedOn: joinedOn)
            return Person(draft: draft, female: female, status: status, statusDate: statusDate)
        }

        /// A valid resident ID not drawn before: area, birth date, a sequence
        /// whose last digit is odd for men and even for women, and the check character.
        private mutating func residentID(area: String, birth: CivilDate, female: Bool,
                                         random: inout SplitMix64) -> String {
            let birthText = CivilDate.pad(birth.year, 4) + CivilDate.pad(birth.month, 2) + CivilDate.pad(birth.day, 2)
            let prefix = UInt64(area)! * 100_000_000_000 + UInt64(birthText)! * 1_000
            var sequence = random.int(in: 0...499) * 2 + (female ? 0 : 1)
            while used.contains(prefix + UInt64(sequence)) {
                sequence = (sequence + 2) % 1_000   // keeps the parity, hence the gender
            }
            used.insert(prefix + UInt64(sequence))
            let body = area + birthText + CivilDate.pad(sequence, 3)
            let digits = body.utf8.map { Int($0) - 48 }
            return body + String(ResidentID.checkCharacter(for: digits))
        }
    }

    /// Shares `total` out over `weights` by largest remainder (ties to the
    /// earlier index), after giving each `minimum` if there is enough: the
    /// parts always add up to `total`.
    static func apportion(_ total: Int, weights: [Int], minimum: Int) -> [Int] {
        let base = total >= minimum * weights.count ? minimum : 0
        let rest = total - base * weights.count
        let sum = weights.reduce(0, +)
        var parts = weights.map { base + rest * $0 / sum }
        let remainders = weights.enumerated().map { (index: $0.offset, remainder: rest * $0.element % sum) }
        let missing = total - parts.reduce(0, +)
        for entry in remainders.sorted(by: { ($0.remainder, -$0.index) > ($1.remainder, -$1.index) }).prefix(missing) {
            parts[entry.index] += 1
        }
        return parts
    }
}
