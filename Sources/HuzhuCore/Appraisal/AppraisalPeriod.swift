/// The two appraisals of a year: the half-year preliminary one (半年初评,
/// as of 30 June) and the year-end final one (年终总评, as of 31 December).
/// Both measure from 1 January.
public enum AppraisalPeriod: String, Hashable, Sendable, CaseIterable, Codable {
    case halfYear = "H1"
    case year = "YEAR"

    /// The first day measured.
    public func from(_ year: Int) -> CivilDate { CivilDate(year: year, month: 1, day: 1)! }

    /// The as-of date.
    public func asOf(_ year: Int) -> CivilDate {
        self == .halfYear ? CivilDate(year: year, month: 6, day: 30)! : CivilDate(year: year, month: 12, day: 31)!
    }

    /// Only the year-end appraisal is final and can be confirmed.
    public var isFinal: Bool { self == .year }

    /// 半年初评 or 年终总评.
    public var chineseName: String { self == .halfYear ? "半年初评" : "年终总评" }
}
