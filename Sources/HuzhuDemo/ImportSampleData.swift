import Foundation
import HuzhuCore

/// Deterministic sample files for the import benchmark (B2 in issue 7) and
/// for trying imports by hand: a units file and a members file whose rows
/// are all valid against it.
///
///     try ImportSampleData.writeUnits(to: dir.appendingPathComponent("units.csv"))
///     try ImportSampleData.writeMembers(to: dir.appendingPathComponent("members.csv"), count: 1_000_000, seed: 1)
///
/// From the shell: `huzhu export sample --members 1000000 --seed 1 --out DIR`
/// writes `DIR/units.csv` and `DIR/members.csv` (no workspace needed).
/// Import them with `huzhu import units DIR/units.csv` then
/// `huzhu import members DIR/members.csv`.
public enum ImportSampleData {
    /// The districts and county of the sample city, code and name.
    static let districts = [("BH", "包河区"), ("LY", "庐阳区"), ("SS", "蜀山区"), ("YH", "瑶海区"),
                            ("FX", "肥西县"), ("JK", "经开区"), ("GX", "高新区")]
    /// Grassroots units per district.
    static let unitsPerDistrict = 100

    /// The grassroots unit codes members are spread over.
    static var grassrootsCodes: [String] {
        districts.flatMap { code, _ in (1...unitsPerDistrict).map { code + String(format: "%03d", $0) } }
    }

    /// Writes the units file: the federation, its office-less districts and
    /// county, and 100 grassroots unions under each, with 2012 headcounts.
    ///
    /// - Parameter url: Where to write (UTF-8 with a byte order mark).
    /// - Throws: A write error.
    public static func writeUnits(to url: URL) throws {
        let writer = try CSVWriter(url: url)
        try writer.writeRow(["code", "name", "kind", "parent", "office", "employees", "year"])
        try writer.writeRow(["FED", "市总工会", "federation", "", "", "", ""])
        for (code, name) in districts {
            try writer.writeRow([code, name + "总工会", code == "FX" ? "county" : "district", "FED", "", "", ""])
            for index in 1...unitsPerDistrict {
                try writer.writeRow([code + String(format: "%03d", index), "\(name)第\(index)基层工会", "grassroots", code,
                                     "", String(200 + index * 7 % 300), "2012"])
            }
        }
        try writer.close()
    }

    /// Writes a members file of `count` valid members with distinct
    /// resident IDs, spread over the sample units.
    ///
    /// - Parameters:
    ///   - url: Where to write (UTF-8 with a byte order mark).
    ///   - count: Rows, up to 100,000,000.
    ///   - seed: Changes names, units and phones, not validity.
    /// - Throws: A write error.
    public static func writeMembers(to url: URL, count: Int, seed: UInt64 = 1) throws {
        precondition(count >= 0 && count <= 100_000_000, "count must be 0…100,000,000")
        let areas = ["340102", "340103", "340104", "340111", "340123", "340121", "340122", "340124", "340181", "340100"]
        let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
        let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华")
        let units = grassrootsCodes
        let firstDay = CivilDate(year: 1955, month: 1, day: 1)!
        let days = firstDay.days(until: CivilDate(year: 1993, month: 12, day: 31)!) + 1
        // A bijection of 0..<space (areas × days × 1000 sequences) so IDs never repeat.
        let space = UInt64(areas.count * days * 1000)
        var step: UInt64 = 2_654_435_761 % space | 1
        while gcd(step, space) != 1 { step += 2 }
        var random = SampleRandom(seed: seed)
        let writer = try CSVWriter(url: url)
        try writer.writeRow(["resident_id", "name", "unit", "phone", "hardship", "joined_on"])
        var n = random.next() % space
        for _ in 0..<count {
            n = (n + step) % space
            let sequence = Int(n % 1000)
            let day = Int(n / 1000 % UInt64(days))
            let area = areas[Int(n / 1000 / UInt64(days))]
            let birth = firstDay.adding(days: day)
            let body = area + birth.description.replacingOccurrences(of: "-", with: "") + String(format: "%03d", sequence)
            let id = body + String(ResidentID.checkCharacter(for: body.utf8.map { Int($0 - 48) }))
            let r = random.next()
            let name = String(surnames[Int(r % UInt64(surnames.count))]) + String(given[Int(r / 31 % UInt64(given.count))])
                + (r % 3 == 0 ? String(given[Int(r / 997 % UInt64(given.count))]) : "")
            let unit = units[Int(r / 7919 % UInt64(units.count))]
            let phone = "13" + String(format: "%09d", Int(r / 104_729 % 1_000_000_000))
            let joined = birth.adding(years: 20).adding(days: Int(r % 3000))
            try writer.writeRow([id, name, unit, phone, r % 20 == 0 ? "1" : "0",
                                 min(joined, CivilDate(year: 2011, month: 12, day: 31)!).description])
        }
        try writer.close()
    }

    private static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 { b == 0 ? a : gcd(b, a % b) }
}

/// SplitMix64: a small deterministic generator.
private struct SampleRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
