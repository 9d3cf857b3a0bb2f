// MARK: - Parsing yuan text

extension Money {
    /// Parses an amount written in yuan, exactly.
    ///
    /// Accepted: an optional leading `-`, one or more ASCII digits, and
    /// optionally a `.` followed by one or two digits. Nothing else: no
    /// spaces, no `+`, no thousands separators, no currency sign, no bare
    /// `.` at either end.
    ///
    /// ```swift
    /// try Money(yuan: "12").fen      // 1200
    /// try Money(yuan: "12.3").fen    // 1230
    /// try Money(yuan: "-0.01").fen   // -1
    /// try Money(yuan: "1,000")       // throws MoneyError(.invalidFormat)
    /// ```
    ///
    /// - Parameter text: Yuan text such as `"12.34"`.
    /// - Throws: ``MoneyError`` with kind `.invalidFormat` (and the text) for
    ///   anything else, or `.overflow` if the amount does not fit in `Int64` fen.
    public init(yuan text: String) throws {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let integerDigits = bytes.prefix(while: isDigit)
        var rest = bytes.dropFirst(integerDigits.count)
        var fractionDigits: ArraySlice<UInt8> = []
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            fractionDigits = rest.prefix(while: isDigit)
            rest = rest.dropFirst(fractionDigits.count)
            guard (1...2).contains(fractionDigits.count) else {
                throw MoneyError(.invalidFormat, text: text)
            }
        }
        guard !integerDigits.isEmpty, rest.isEmpty else {
            throw MoneyError(.invalidFormat, text: text)
        }
        // Accumulate the magnitude in fen, checking every step for overflow.
        var magnitude: Int64 = 0
        let fractionPadded = Array(fractionDigits) + Array(repeating: UInt8(ascii: "0"), count: 2 - fractionDigits.count)
        for digit in Array(integerDigits) + fractionPadded {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times10.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw MoneyError(.overflow, text: text) }
            magnitude = plus
        }
        self.init(fen: negative ? -magnitude : magnitude)
    }

    /// Parses an amount written in yuan, or returns `nil` if it is not one.
    ///
    /// - Parameter text: Yuan text such as `"12.34"`.
    /// - Returns: The amount, or `nil` where ``init(yuan:)`` would throw.
    public static func parse(yuan text: String) -> Money? {
        try? Money(yuan: text)
    }
}

// MARK: - Amounts from outside

extension Money {
    /// The largest amount, either way, that any file, command line or script
    /// may give: 100,000,000.00 yuan. Every sum of such amounts a clerk can
    /// make fits in `Int64` fen, so no arithmetic on them traps (docs/security.md).
    public static let inputBound = Money(fen: 10_000_000_000)

    /// Parses an amount written in yuan from outside (a file, the command
    /// line), refusing one beyond ±``inputBound``.
    ///
    /// ```swift
    /// try Money(inputYuan: "360000").fen          // 36000000
    /// try Money(inputYuan: "90000000000000000")   // throws MoneyError(.outOfRange)
    /// ```
    ///
    /// - Throws: ``MoneyError`` `.invalidFormat`, or `.outOfRange` (E705).
    public init(inputYuan text: String) throws {
        let amount: Money
        do { amount = try Money(yuan: text) } catch let error as MoneyError where error.kind == .overflow {
            throw MoneyError(.outOfRange, text: text)
        }
        guard amount.fen.magnitude <= Self.inputBound.fen.magnitude else { throw MoneyError(.outOfRange, text: text) }
        self = amount
    }
}
