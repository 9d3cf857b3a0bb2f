/// Which units a listing shows.
///
/// ```swift
/// UnitFilter(under: "BH")                       // 包河区 and every unit below it
/// UnitFilter(under: "BH", kind: .grassroots)    // only its grassroots unions
/// ```
public struct UnitFilter: Hashable, Sendable {
    /// A unit whose whole subtree (itself included) is shown; `nil` for all.
    public var under: String?
    /// Only units of this kind; `nil` for any.
    public var kind: UnitKind?

    /// Creates a filter.
    public init(under: String? = nil, kind: UnitKind? = nil) {
        self.under = under
        self.kind = kind
    }
}
