/// The columns an importer expects: canonical fields, each with the header
/// names it accepts (English and Chinese) and whether it is required.
///
///     let members = CSVSchema([
///         .required("resident_id", "身份证号"),
///         .required("name", "姓名"),
///         .required("unit", "单位"),
///         .optional("phone", "电话"),
///     ])
///
/// A field's canonical name is always one of its accepted headers. English
/// headers match whatever their case; spaces around a header and a byte order
/// mark are ignored (see ``CSVHeader``).
public struct CSVSchema: Sendable, Hashable {
    /// One canonical field.
    public struct Field: Sendable, Hashable {
        /// The canonical name rows are read by, e.g. `resident_id`.
        public let name: String
        /// Other headers accepted for it, e.g. `身份证号`.
        public let aliases: [String]
        /// Whether the file must have the column.
        public let isRequired: Bool

        /// Makes a field.
        ///
        /// - Parameters:
        ///   - name: the canonical name, also accepted as a header.
        ///   - aliases: other accepted headers.
        ///   - isRequired: whether the column must be present.
        public init(_ name: String, aliases: [String] = [], isRequired: Bool) {
            self.name = name
            self.aliases = aliases
            self.isRequired = isRequired
        }

        /// A field whose column must be present.
        ///
        ///     .required("resident_id", "身份证号")
        public static func required(_ name: String, _ aliases: String...) -> Field {
            Field(name, aliases: aliases, isRequired: true)
        }

        /// A field whose column may be absent.
        ///
        ///     .optional("phone", "电话")
        public static func optional(_ name: String, _ aliases: String...) -> Field {
            Field(name, aliases: aliases, isRequired: false)
        }

        /// Every accepted header: the name, then the aliases.
        public var headers: [String] { [name] + aliases }
    }

    /// The fields, in the order they are documented.
    public let fields: [Field]
    /// Headers that are accepted and ignored. By default `reason`, the column
    /// a ``RejectsWriter`` adds, so that a corrected rejects file can be
    /// imported again.
    public let ignoredHeaders: [String]

    /// Makes a schema.
    ///
    /// Two fields sharing a name or a header is a programmer mistake and traps.
    ///
    /// - Parameters:
    ///   - fields: the canonical fields.
    ///   - ignoredHeaders: headers to accept and ignore.
    public init(_ fields: [Field], ignoring ignoredHeaders: [String] = [RejectsWriter.defaultReasonColumn]) {
        var seen = Set<String>()
        for header in fields.flatMap(\.headers) {
            precondition(seen.insert(CSVHeader.normalize(header)).inserted,
                         "CSVSchema: header '\(header)' is accepted by two fields")
        }
        self.fields = fields
        self.ignoredHeaders = ignoredHeaders
    }

    /// The field with this canonical name, if any.
    public func field(named name: String) -> Field? {
        fields.first { $0.name == name }
    }
}
