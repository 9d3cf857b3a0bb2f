/// A small, fast, deterministic pseudo-random generator (SplitMix64, as in
/// Java's `SplittableRandom`): the same seed gives the same numbers on
/// every machine, which is what a reproducible demo needs.
///
/// Only integer arithmetic is used here and by the demo generator, so no
/// platform's floating-point library can change a result.
///
/// ```swift
/// var random = SplitMix64(seed: 1)
/// random.int(in: 18...59)     // the same on every run
/// random.chance(perMille: 50) // true about 5% of the time
/// ```
///
/// See Steele, Lea and Flood, *Fast splittable pseudorandom number
/// generators* (OOPSLA 2014).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's state; it advances by a fixed odd constant per number.
    public private(set) var state: UInt64

    /// Creates a generator.
    ///
    /// - Parameter seed: Any value; equal seeds give equal sequences.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly distributed integer in a range (Lemire's multiply-shift,
    /// with rejection so that no value is favoured).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }   // the whole 64-bit range
        let threshold = (0 &- span) % span
        while true {
            let product = next().multipliedFullWidth(by: span)
            if product.low >= threshold { return range.lowerBound + Int(product.high) }
        }
    }

    /// `true` with a probability of `perMille` in 1000.
    public mutating func chance(perMille: Int) -> Bool {
        int(in: 0...999) < perMille
    }

    /// One element of a non-empty array, uniformly.
    public mutating func pick<T>(_ elements: [T]) -> T {
        elements[int(in: 0...(elements.count - 1))]
    }

    /// An index chosen with probability proportional to its weight.
    ///
    /// - Parameter weights: Non-negative weights, at least one positive.
    public mutating func index(weightedBy weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var point = int(in: 0...(total - 1))
        for (index, weight) in weights.enumerated() {
            if point < weight { return index }
            point -= weight
        }
        return weights.count - 1
    }

    /// Shuffles an array in place (Fisher–Yates, from the last element
    /// down), with this generator's draws only, so the order is the same on
    /// every machine and Swift version.
    public mutating func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        for last in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(last, int(in: 0...last))
        }
    }

    /// A generator for a separate stream of numbers, derived from this one's
    /// seed and a label, so that adding draws to one part of the demo does
    /// not shift the numbers of another.
    public func stream(_ label: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: state ^ (label &* 0xD1B5_4A32_D192_ED03))
        return SplitMix64(seed: mixer.next())
    }
}
