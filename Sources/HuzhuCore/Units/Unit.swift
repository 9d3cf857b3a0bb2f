import GRDB

/// A union in the federation's tree: the federation at the root, district,
/// county, industrial and enterprise unions under it, grassroots unions
/// below. Stored in the `unit` table.
///
/// Each unit stores its materialized ``path`` — the codes from the root
/// down to itself, each followed by `/`, e.g. `/FED/BH/BH001/` — so that a
/// whole subtree is one indexed range query on `path`.
///
/// Create units with ``UnitService/create(_:_:context:)``, which checks the
/// code, the parent and the office and computes the path.
public struct Unit: Hashable, Sendable, Codable {
    /// Unique code, 1–32 ASCII letters, digits, `-` or `_`.
    public var code: String
    /// Display name, 1–100 characters, e.g. 包河区总工会.
    public var name: String
    /// Where the unit stands in the tree.
    public var kind: UnitKind
    /// The parent unit's code; `nil` only for the federation.
    public var parentCode: String?
    /// The code of the office serving this unit, if any.
    public var officeCode: String?
    /// `/ROOT/…/CODE/`: the codes from the root down to this unit.
    public var path: String
    /// The day the unit closed, if it has: no new enrolments after it
    /// (in it or below it); its members stay until transferred.
    public var closedOn: CivilDate?

    /// Creates a unit value; prefer ``UnitService/create(_:_:context:)``.
    public init(code: String, name: String, kind: UnitKind, parentCode: String?,
                officeCode: String?, path: String, closedOn: CivilDate? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parentCode = parentCode
        self.officeCode = officeCode
        self.path = path
        self.closedOn = closedOn
    }

    /// The number of levels above this unit (0 for the federation).
    public var depth: Int { path.split(separator: "/").count - 1 }

    /// Whether `other` is this unit or one of its descendants.
    public func contains(_ other: Unit) -> Bool {
        other.path.hasPrefix(path)
    }
}

extension Unit: FetchableRecord, PersistableRecord {
    /// The table name.
    public static let databaseTableName = "unit"

    /// The columns of the `unit` table.
    public enum Columns {
        public static let code = Column(CodingKeys.code)
        public static let name = Column(CodingKeys.name)
        public static let kind = Column(CodingKeys.kind)
        public static let parentCode = Column(CodingKeys.parentCode)
        public static let officeCode = Column(CodingKeys.officeCode)
        public static let path = Column(CodingKeys.path)
        public static let closedOn = Column(CodingKeys.closedOn)
    }
}
