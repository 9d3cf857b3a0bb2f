import Testing
@testable import HuzhuValues

@Suite("Money")
struct MoneyTests {
    @Test("parses every accepted yuan form exactly", arguments: [
        ("12", 1200), ("12.3", 1230), ("12.34", 1234), ("-0.01", -1), ("0", 0), ("-0", 0),
        ("007.5", 750), ("92233720368547758.07", Int64.max), ("-92233720368547758.07", -Int64.max),
    ] as [(String, Int64)])
    func parsesAccepted(text: String, fen: Int64) throws {
        #expect(try Money(yuan: text).fen == fen)
    }

    @Test("rejects anything else with the offending text", arguments: [
        "", "1.234", "1,000", "abc", "12.", ".5", "-", "+12", " 12", "12 ", "1e3", "¥12", "12.3.4", "--1", "１２",
    ])
    func rejectsMalformed(text: String) {
        #expect(throws: MoneyError(.invalidFormat, text: text)) { try Money(yuan: text) }
    }

    @Test("rejects amounts beyond 64-bit fen")
    func rejectsOverflow() {
        #expect(throws: MoneyError(.overflow, text: "92233720368547758.08")) { try Money(yuan: "92233720368547758.08") }
        #expect(throws: MoneyError(.overflow, text: "99999999999999999999")) { try Money(yuan: "99999999999999999999") }
    }

    @Test("says what is wrong in English and Chinese")
    func errorText() {
        let error = MoneyError(.invalidFormat, text: "1.234")
        #expect(error.description == "invalid amount \"1.234\" (expected yuan such as 12, 12.3 or 12.34)")
        #expect(error.failure(field: "price").text() ==
            "E701 price 1.234: invalid amount \"1.234\" (expected yuan such as 12, 12.3 or 12.34)")
        #expect(error.failure(field: "price").message(.chinese) == "金额“1.234”无效（应为元，如12、12.3或12.34）")
    }

    @Test("formats plainly and as currency")
    func formats() {
        #expect(Money(fen: 1234).description == "12.34")
        #expect(Money(fen: -1).description == "-0.01")
        #expect(Money(fen: 0).description == "0.00")
        #expect(Money(fen: 5).description == "0.05")
        #expect(Money(fen: 123_456).formatted(currency: true) == "¥1,234.56")
        #expect(Money(fen: -123_456).formatted(currency: true) == "-¥1,234.56")
        #expect(Money(fen: 100_000_000).formatted() == "1,000,000.00")
        #expect(Money(fen: 99_999).formatted(currency: true) == "¥999.99")
        #expect(Money(fen: Int64.min).description == "-92233720368547758.08")
    }

    @Test("description parses back to the same amount")
    func roundTrips() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let fen = Int64.random(in: -10_000_000_000...10_000_000_000, using: &generator)
            #expect(try Money(yuan: Money(fen: fen).description).fen == fen)
        }
    }

    @Test("rounds half-up, away from zero for negatives too")
    func roundsHalfUp() throws {
        #expect(try Money.roundHalfUp(5, times: 1, over: 2) == 3)     // 2.5 → 3
        #expect(try Money.roundHalfUp(-5, times: 1, over: 2) == -3)   // -2.5 → -3
        #expect(try Money.roundHalfUp(7, over: 3) == 2)               // 2.33 → 2
        #expect(try Money.roundHalfUp(8, over: 3) == 3)               // 2.67 → 3
        #expect(try Money.roundHalfUp(-8, over: 3) == -3)             // -2.67 → -3
        #expect(try Money.roundHalfUp(5, over: -2) == -3)             // negative denominator flips the sign
        #expect(try Money.roundHalfUp(1234, times: 1300, over: 10_000) == 160)  // 13% of 12.34 = 1.6042 yuan
        #expect(try Money(fen: 10_001).applying(basisPoints: 7000) == Money(fen: 7001))  // 7000.7 → 7001
        #expect(try Money(fen: 150).applying(basisPoints: 5000) == Money(fen: 75))       // exactly half
        #expect(try Money(fen: 1).applying(basisPoints: 5000) == Money(fen: 1))          // 0.5 → 1
        #expect(try Money(fen: -1).applying(basisPoints: 5000) == Money(fen: -1))        // -0.5 → -1
    }

    @Test("rounding never overflows in the middle of the computation")
    func roundsWide() throws {
        // Int64.max × 10000 overflows 64 bits; the 128-bit product divides back exactly.
        #expect(try Money.roundHalfUp(Int64.max, times: 10_000, over: 10_000) == Int64.max)
        #expect(throws: MoneyError(.overflow, text: "\(Int64.max) × 2 / 1")) { try Money.roundHalfUp(Int64.max, times: 2, over: 1) }
        #expect(throws: MoneyError(.zeroDenominator, text: "1 × 1 / 0")) { try Money.roundHalfUp(1, times: 1, over: 0) }
        #expect(throws: MoneyError.self) { try Money(fen: Int64.max).multiplied(by: 2) }
    }

    @Test("splits by largest remainder, exact cases")
    func splitsExactly() throws {
        #expect(try Money.split(total: 1000, weights: [1, 1, 1]) == [334, 333, 333])  // 333.33 each, remainder to the first
        #expect(try Money.split(total: -1000, weights: [1, 1, 1]) == [-334, -333, -333])  // symmetric
        #expect(try Money.split(total: 100, weights: [0, 3, 1]) == [0, 75, 25])         // zero weight gets nothing
        #expect(try Money.split(total: 2, weights: [1, 1, 1]) == [1, 1, 0])             // ties go to earlier indexes
        #expect(try Money.split(total: 10, weights: [1, 2]) == [3, 7])                  // 3.33 / 6.67: 0.67 is larger
        #expect(try Money.split(total: 2600, weights: [3000, 3000, 4000]) == [780, 780, 1040])  // 30% / 30% / 40%
        #expect(try Money.split(total: 1, weights: [0, 0, 5]) == [0, 0, 1])
        #expect(try Money.split(total: Int64.max, weights: [1, 1]) == [Int64.max / 2 + 1, Int64.max / 2])
        #expect(try Money.split(total: Int64.min, weights: [1]) == [Int64.min])
    }

    @Test("refuses weights that cannot split")
    func refusesBadWeights() {
        #expect(throws: MoneyError(.invalidWeights, text: "100 by []")) { try Money.split(total: 100, weights: []) }
        #expect(throws: MoneyError(.invalidWeights, text: "100 by [0, 0]")) { try Money.split(total: 100, weights: [0, 0]) }
        #expect(throws: MoneyError(.invalidWeights, text: "100 by [1, -1]")) { try Money.split(total: 100, weights: [1, -1]) }
        #expect(throws: MoneyError.self) { try Money.split(total: 100, weights: [Int64.max, 1]) }
    }

    @Test("split parts always add up, for thousands of random totals and weights")
    func splitsAlwaysAddUp() throws {
        var generator = SplitMix64(seed: 20_120_701)
        for round in 0..<5000 {
            let total = round % 10 == 0
                ? Int64.random(in: Int64.min / 2...Int64.max / 2, using: &generator)
                : Int64.random(in: -1_000_000...1_000_000, using: &generator)
            let count = Int.random(in: 1...8, using: &generator)
            var weights = (0..<count).map { _ in Int64.random(in: 0...10_000, using: &generator) }
            if weights.allSatisfy({ $0 == 0 }) { weights[0] = 1 }
            let parts = try Money.split(total: total, weights: weights)
            #expect(parts.reduce(0, +) == total)
            #expect(parts.count == weights.count)
            let sum = weights.reduce(0, +)
            for (part, weight) in zip(parts, weights) {
                // each part is its exact share rounded down or up (128-bit integer arithmetic)
                let floor = UInt64(sum).dividingFullWidth(total.magnitude.multipliedFullWidth(by: UInt64(weight))).quotient
                #expect(part.magnitude == floor || part.magnitude == floor + 1)
                #expect(total >= 0 ? part >= 0 : part <= 0)
            }
            #expect(try Money.split(total: -total, weights: weights) == parts.map { -$0 })
        }
    }

    @Test("compares and encodes as fen")
    func comparesAndEncodes() throws {
        #expect(Money(fen: -1) < Money(fen: 0))
        #expect([Money(fen: 3), Money(fen: 1)].sorted() == [Money(fen: 1), Money(fen: 3)])
        let data = try JSONEncoder().encode([Money(fen: 1234)])
        #expect(String(decoding: data, as: UTF8.self) == "[1234]")
        #expect(try JSONDecoder().decode([Money].self, from: data) == [Money(fen: 1234)])
    }
}

import Foundation
