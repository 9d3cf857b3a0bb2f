/// The fields of a unit to create, as a clerk or a script gives them.
///
/// ```swift
/// let draft = UnitDraft(code: "BH001", name: "燃气集团包河分公司工会", kind: .grassroots,
///                       parentCode: "BH", officeCode: "HQ")
/// ```
public struct UnitDraft: Hashable, Sendable {
    /// Unique code, 1–32 ASCII letters, digits, `-` or `_`.
    public var code: String
    /// Display name, 1–100 characters.
    public var name: String
    /// Where the unit stands in the tree.
    public var kind: UnitKind
    /// The parent's code; `nil` only for the federation.
    public var parentCode: String?
    /// The serving office's code, if any.
    public var officeCode: String?

    /// Creates a draft.
    public init(code: String, name: String, kind: UnitKind, parentCode: String?, officeCode: String? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parentCode = parentCode
        self.officeCode = officeCode
    }
}
