import GRDB

/// Whether a member is working, retired, has left the union, or has died.
public enum MemberStatus: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// Working (在职): the only status that can enroll.
    case active
    /// Retired (退休); ``Member/retiredOn`` says since when.
    case retired
    /// Left the unit or the union (离开); ``Member/leftOn`` says since when.
    case left
    /// Died (身故); ``Member/leftOn`` says on which day.
    case deceased

    /// The Chinese word.
    public var chinese: String {
        switch self {
        case .active: return "在职"
        case .retired: return "退休"
        case .left: return "离开"
        case .deceased: return "身故"
        }
    }

    /// The day the status began for a member, if it is not active.
    public func since(_ member: Member) -> CivilDate? {
        switch self {
        case .active: return nil
        case .retired: return member.retiredOn
        case .left, .deceased: return member.leftOn
        }
    }
}
