import HuzhuValues

/// Dates and resident IDs for the value tests.
enum Fixture {
    static func date(_ text: String) -> CivilDate {
        try! CivilDate(parsing: text)
    }

    /// A valid 18-character resident ID (its check character computed).
    static func residentID(area: String = "340104", birth: String, sequence: Int) -> String {
        let body = area + birth + String(sequence + 1000).dropFirst()
        return body + String(ResidentID.checkCharacter(for: body.compactMap { $0.wholeNumberValue }))
    }
}
