import GRDB

/// Whether a member is working, retired, or has left the union.
public enum MemberStatus: String, Hashable, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    /// Working (在职): the only status that can enroll.
    case active
    /// Retired (退休); ``Member/retiredOn`` says since when.
    case retired
    /// Left the unit or the union (离开); ``Member/leftOn`` says since when.
    case left

    /// The Chinese word.
    public var chinese: String {
        switch self {
        case .active: return "在职"
        case .retired: return "退休"
        case .left: return "离开"
        }
    }
}
