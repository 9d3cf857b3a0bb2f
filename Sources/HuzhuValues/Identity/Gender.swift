/// A person's gender as recorded in the resident ID (odd 17th digit: male).
public enum Gender: String, Sendable, Codable, CaseIterable {
    /// Male (男).
    case male
    /// Female (女).
    case female

    /// The Chinese word, 男 or 女.
    public var chinese: String { self == .male ? "男" : "女" }
}
