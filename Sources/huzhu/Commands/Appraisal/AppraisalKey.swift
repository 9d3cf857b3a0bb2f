import ArgumentParser
import HuzhuCore

/// `--level KIND[,KIND…] --period H1|YEAR --year YEAR`: which appraisal, for
/// `huzhu appraise` and `huzhu explain appraisal`.
struct AppraisalKey: ParsableArguments {
    @Option(help: ArgumentHelp("The unit kind appraised, or kinds ranked together separated by commas "
                                   + "(district,county,industry): \(UnitKind.allCases.map(\.rawValue).joined(separator: ", ")).",
                               valueName: "kinds"))
    var level: String
    @Option(help: ArgumentHelp("H1 (half-year, as of 06-30) or YEAR (year-end, as of 12-31).", valueName: "period"))
    var period: String
    @Option(help: "The calendar year.") var year: Int

    /// The level (its kinds sorted: `county,district,industry`), once validated.
    var kinds: AppraisalLevel { try! AppraisalLevel(parsing: level) }
    /// The period, once validated (H1 or YEAR, any case).
    var appraisalPeriod: AppraisalPeriod { AppraisalPeriod(rawValue: period.uppercased())! }

    func validate() throws {
        do { _ = try AppraisalLevel(parsing: level) } catch { throw ValidationError("--level: \(error)") }
        guard AppraisalPeriod(rawValue: period.uppercased()) != nil else {
            throw ValidationError("--period: '\(period)' is not H1 or YEAR")
        }
        guard (1900...9999).contains(year) else { throw ValidationError("--year: \(year) is out of range 1900-9999") }
    }
}
