/// A value named in a failure, tagged with how to show it: personal data
/// (resident IDs, phone numbers) is masked unless asked otherwise.
///
/// ```swift
/// ShownValue.residentID("340104198001011234").shown()               // "340104********1234"
/// ShownValue.residentID("340104198001011234").shown(unmasked: true) // "340104198001011234"
/// ShownValue.plain("ACC").shown()                                   // "ACC"
/// ```
public enum ShownValue: Hashable, Sendable, Codable {
    /// A value shown as it is.
    case plain(String)
    /// A resident ID (valid or not), masked by default.
    case residentID(String)
    /// A phone number (valid or not), masked by default.
    case phone(String)

    /// The text as given, never masked.
    public var raw: String {
        switch self {
        case .plain(let text), .residentID(let text), .phone(let text): return text
        }
    }

    /// The text to show.
    ///
    /// - Parameter unmasked: Show personal data in full.
    /// - Returns: The value, masked if personal and `unmasked` is false.
    public func shown(unmasked: Bool = false) -> String {
        switch self {
        case .plain(let text): return text
        case .residentID(let text): return unmasked ? text : ResidentID.mask(text)
        case .phone(let text): return unmasked ? text : Phone.mask(text)
        }
    }
}
