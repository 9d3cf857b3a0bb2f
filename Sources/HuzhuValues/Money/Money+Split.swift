// MARK: - Largest-remainder split

extension Money {
    /// Splits a total in fen into parts proportional to weights, by largest
    /// remainder, so that the parts always add up to the total exactly.
    ///
    /// Each part first gets `⌊|total| × weightᵢ ÷ Σweights⌋`; the fen left
    /// over go one each to the parts with the largest remainders, the
    /// earlier index first on ties. A zero weight always gets zero. A
    /// negative total is split as its magnitude and every part negated, so
    /// `split(-t)` is `split(t)` negated. Products use 128-bit arithmetic.
    ///
    /// ```swift
    /// try Money.split(total: 1000, weights: [1, 1, 1])   // [334, 333, 333]
    /// try Money.split(total: -1000, weights: [1, 1, 1])  // [-334, -333, -333]
    /// try Money.split(total: 100, weights: [0, 3, 1])    // [0, 75, 25]
    /// ```
    ///
    /// - Parameters:
    ///   - total: The amount to split, in fen.
    ///   - weights: One non-negative weight per part; their sum must be
    ///     positive and fit in `Int64`.
    /// - Returns: One amount in fen per weight, adding up to `total`.
    /// - Throws: ``MoneyError`` `.invalidWeights` for empty, negative or
    ///   all-zero weights (or a sum that overflows).
    public static func split(total: Int64, weights: [Int64]) throws -> [Int64] {
        let described = "\(total) by \(weights)"
        guard !weights.isEmpty, weights.allSatisfy({ $0 >= 0 }) else {
            throw MoneyError(.invalidWeights, text: described)
        }
        var sum: Int64 = 0
        for weight in weights {
            let (next, overflow) = sum.addingReportingOverflow(weight)
            guard !overflow else { throw MoneyError(.invalidWeights, text: described) }
            sum = next
        }
        guard sum > 0 else { throw MoneyError(.invalidWeights, text: described) }

        let magnitude = total.magnitude
        let divisor = UInt64(sum)
        var parts: [UInt64] = []
        var remainders: [UInt64] = []
        parts.reserveCapacity(weights.count)
        remainders.reserveCapacity(weights.count)
        var allotted: UInt64 = 0
        for weight in weights {
            // |total| × weight ÷ sum ≤ |total| because weight ≤ sum: no overflow.
            let (quotient, remainder) = divisor.dividingFullWidth(magnitude.multipliedFullWidth(by: UInt64(weight)))
            parts.append(quotient)
            remainders.append(remainder)
            allotted += quotient
        }
        let leftover = Int(magnitude - allotted)  // fewer than weights.count
        let order = remainders.indices.sorted { a, b in
            remainders[a] != remainders[b] ? remainders[a] > remainders[b] : a < b
        }
        for index in order.prefix(leftover) {
            parts[index] += 1
        }
        // A part of a negative total may be 2⁶³ (total == Int64.min): negate in bits.
        return parts.map { total < 0 ? Int64(bitPattern: 0 &- $0) : Int64($0) }
    }
}
