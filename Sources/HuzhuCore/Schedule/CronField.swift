/// One of the five fields of a cron expression, with its range and names.
public enum CronField: Int, CaseIterable, Sendable {
    case minute, hour, dayOfMonth, month, dayOfWeek

    /// The name used in error messages: `minute`, `hour`, `day-of-month`, `month`, `day-of-week`.
    public var name: String {
        switch self {
        case .minute: "minute"
        case .hour: "hour"
        case .dayOfMonth: "day-of-month"
        case .month: "month"
        case .dayOfWeek: "day-of-week"
        }
    }

    /// The values a field may hold. Day-of-week accepts 7 as Sunday (folded to 0).
    public var range: ClosedRange<Int> {
        switch self {
        case .minute: 0...59
        case .hour: 0...23
        case .dayOfMonth: 1...31
        case .month: 1...12
        case .dayOfWeek: 0...7
        }
    }

    /// Three-letter names (case-insensitive) and their values.
    var names: [String: Int] {
        switch self {
        case .month:
            ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
             "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
        case .dayOfWeek:
            ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]
        default:
            [:]
        }
    }

    /// What a name in this field is called in errors: `month name`, `weekday name`.
    var nameKind: String? {
        switch self {
        case .month: "month name"
        case .dayOfWeek: "weekday name"
        default: nil
        }
    }
}
