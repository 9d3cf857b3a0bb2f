// MARK: - Half-up rounding (四舍五入)

extension Money {
    /// Multiplies a fen amount by a ratio and rounds half-up to whole fen.
    ///
    /// Half-up means a remainder of exactly one half rounds away from zero,
    /// for negative amounts too (四舍五入): 2.5 → 3, -2.5 → -3. The product is
    /// computed in 128 bits, so no intermediate overflow can occur; only a
    /// result outside `Int64` throws. A negative denominator flips the sign.
    ///
    /// ```swift
    /// // 13% (1300 basis points) of 1234 fen = 160.42 fen → 160
    /// try Money.roundHalfUp(1234, times: 1300, over: 10_000)   // 160
    /// try Money.roundHalfUp(5, times: 1, over: 2)              // 3 (2.5 → 3)
    /// try Money.roundHalfUp(-5, times: 1, over: 2)             // -3
    /// ```
    ///
    /// - Parameters:
    ///   - fen: The amount in fen.
    ///   - numerator: The ratio's numerator (e.g. basis points).
    ///   - denominator: The ratio's denominator (e.g. 10,000); not zero.
    /// - Returns: `fen × numerator ÷ denominator`, rounded half-up to whole fen.
    /// - Throws: ``MoneyError`` `.zeroDenominator`, or `.overflow` if the
    ///   result does not fit in `Int64`.
    public static func roundHalfUp(_ fen: Int64, times numerator: Int64, over denominator: Int64) throws -> Int64 {
        guard denominator != 0 else {
            throw MoneyError(.zeroDenominator, text: "\(fen) × \(numerator) / \(denominator)")
        }
        let negative = ((fen < 0) != (numerator < 0)) != (denominator < 0)
        let product = fen.magnitude.multipliedFullWidth(by: numerator.magnitude)
        let divisor = denominator.magnitude
        guard product.high < divisor else {
            throw MoneyError(.overflow, text: "\(fen) × \(numerator) / \(denominator)")
        }
        var (quotient, remainder) = divisor.dividingFullWidth(product)
        if remainder >= divisor - remainder {  // remainder ≥ half the divisor
            let (next, overflow) = quotient.addingReportingOverflow(1)
            guard !overflow else {
                throw MoneyError(.overflow, text: "\(fen) × \(numerator) / \(denominator)")
            }
            quotient = next
        }
        guard quotient <= UInt64(Int64.max) else {
            throw MoneyError(.overflow, text: "\(fen) × \(numerator) / \(denominator)")
        }
        let magnitude = Int64(quotient)
        return negative ? -magnitude : magnitude
    }

    /// Divides an integer and rounds half-up (away from zero) to a whole number.
    ///
    /// ```swift
    /// try Money.roundHalfUp(7, over: 2)    // 4 (3.5 → 4)
    /// try Money.roundHalfUp(-7, over: 2)   // -4
    /// ```
    ///
    /// - Parameters:
    ///   - numerator: The dividend, e.g. an amount in hundredths of fen.
    ///   - denominator: The divisor; not zero.
    /// - Returns: The quotient rounded half-up.
    /// - Throws: ``MoneyError`` `.zeroDenominator`.
    public static func roundHalfUp(_ numerator: Int64, over denominator: Int64) throws -> Int64 {
        try roundHalfUp(numerator, times: 1, over: denominator)
    }

    /// This amount times a ratio in basis points (1/10,000), rounded half-up.
    ///
    /// ```swift
    /// try Money(fen: 10_001).applying(basisPoints: 7000)  // 7001 fen (7000.7 → 7001)
    /// ```
    ///
    /// - Parameter basisPoints: The ratio in basis points; 10,000 is 100%.
    /// - Returns: The rounded amount.
    /// - Throws: ``MoneyError`` `.overflow` if the result does not fit.
    public func applying(basisPoints: Int64) throws -> Money {
        Money(fen: try Money.roundHalfUp(fen, times: basisPoints, over: 10_000))
    }

    /// This amount times a whole number, checked for overflow.
    ///
    /// - Parameter count: The multiplier, e.g. a number of shares.
    /// - Returns: The product.
    /// - Throws: ``MoneyError`` `.overflow`.
    public func multiplied(by count: Int64) throws -> Money {
        let (product, overflow) = fen.multipliedReportingOverflow(by: count)
        guard !overflow else { throw MoneyError(.overflow, text: "\(fen) × \(count)") }
        return Money(fen: product)
    }
}
