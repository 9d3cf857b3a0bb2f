import TOMLKit

/// plans.toml: a union's plans and their terms in one reviewable file
/// (docs/plans.md). ``parse(_:file:existing:)`` reads and checks it field
/// by field; ``render(_:)`` writes plans in the same format, each term after
/// the first saying `like = "…"` and only what differs, so that applying an
/// export changes nothing.
///
/// ```toml
/// [[plan]]
/// code = "INP"
/// name = "职工住院医疗互助保障"
/// kind = "inpatient"
///
/// [[plan.term]]
/// label = "2026"
/// start = 2026-07-01
/// years = 1
/// price = 36.00
/// ratio = 70
///
/// [[plan.term]]
/// label = "2027"
/// start = 2027-07-01
/// years = 1
/// like = "2026"
/// price = 40.00
/// ```
public enum PlansFile {
    /// Reads the plans of a plans.toml text.
    ///
    /// - Parameters:
    ///   - text: The file's text.
    ///   - file: Its name, for the errors.
    ///   - existing: The rules of a stored term (plan code, label), for a `like` naming a term not in the file.
    /// - Returns: The plans, in the file's order.
    /// - Throws: ``ValidationError`` E430, one failure per problem, each naming the file, plan, term and field.
    public static func parse(_ text: String, file: String,
                             existing: (String, String) -> PlanRules? = { _, _ in nil }) throws -> [PlanDefinition] {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw invalid(["line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)"], file: file)
        }
        var decoder = PlanFieldDecoder()
        var problems: [String] = []
        for key in table.keys.sorted() where key != "plan" { problems.append("unknown key \(key) (expected [[plan]] tables)") }
        var definitions: [PlanDefinition] = []
        var codes = Set<String>()
        for (index, value) in (table["plan"]?.array.map(Array.init) ?? []).enumerated() {
            guard let planTable = value.table else { problems.append("plan \(index + 1): expected a [[plan]] table"); continue }
            let fields = fieldTable(planTable)
            let code = (fields["code"]).flatMap { if case .text(let t) = $0 { t } else { nil } } ?? "#\(index + 1)"
            let place = "plan \(code)"
            if !codes.insert(code).inserted { problems.append("\(place): the plan appears twice") }
            var terms: [TermDefinition] = []
            var labels = Set<String>()
            var termValues: [PlanFieldValue] = []
            if case .list(let list)? = fields["term"] { termValues = list } else if fields["term"] != nil {
                problems.append("\(place): term: expected [[plan.term]] tables")
            }
            var planFields = fields
            planFields["term"] = nil
            let plan = decoder.plan(planFields, place: place)
            for (termIndex, termValue) in termValues.enumerated() {
                guard case .table(let termFields) = termValue else { continue }
                let label = termFields["label"].flatMap { if case .text(let t) = $0 { t } else { nil } } ?? "#\(termIndex + 1)"
                let here = "\(place), term \(label)"
                if !labels.insert(label).inserted { problems.append("\(here): the term appears twice") }
                let earlier = terms
                if let term = decoder.term(termFields, place: here, earlier: { like in
                    earlier.last { $0.label == like }?.rules ?? existing(code, like)
                }) {
                    terms.append(term)
                }
            }
            if let plan { definitions.append(PlanDefinition(plan: plan, terms: terms)) }
        }
        problems += decoder.problems
        if !problems.isEmpty { throw invalid(problems, file: file) }
        return definitions
    }

    /// One E430 failure per problem, about the file: `E430 file plans.toml: plan INP, term 2026: price: …`.
    static func invalid(_ problems: [String], file: String) -> ValidationError {
        ValidationError(problems.map {
            ValidationFailure(.plansFileInvalid, field: "file", subject: ValidationFailure.Subject(kind: "file", key: .plain(file)),
                              ["detail": $0])
        })
    }

    // MARK: - TOML values

    static func fieldTable(_ table: TOMLTable) -> [String: PlanFieldValue] {
        var fields: [String: PlanFieldValue] = [:]
        for key in table.keys { fields[key] = field(table[key]!) }
        return fields
    }

    static func field(_ value: TOMLValueConvertible) -> PlanFieldValue {
        switch value.type {
        case .int: return .integer(Int64(value.int ?? 0))
        case .double: return .decimal("\(value.double ?? 0)")
        case .string: return .text(value.string ?? "")
        case .bool: return .boolean(value.bool ?? false)
        case .date:
            if let d = value.tomlValue.date, let date = CivilDate(year: d.year, month: d.month, day: d.day) { return .date(date) }
            return .text("")
        case .array: return .list((value.array.map(Array.init) ?? []).map { field($0) })
        case .table: return .table(value.table.map(fieldTable) ?? [:])
        default: return .text(value.tomlValue.debugDescription)
        }
    }
}
