import Foundation
import HuzhuCore

// MARK: - Paying benefits through the bank

extension DemoCity {
    /// The name of the payout batch file the demo sends to the bank, in ``DemoCity/bankFolder``.
    public static let payoutFileName = "payouts-2026-12-20.csv"
    /// The name of the bank's answer to it.
    public static let answerFileName = "answer-2026-12-20.csv"

    /// Banks of the claimants' cards, with a UnionPay prefix (BIN) each.
    static let banks: [(name: String, bin: String)] = [
        ("中国工商银行", "622202"), ("中国建设银行", "621700"), ("中国农业银行", "622848"), ("中国银行", "621661"),
        ("徽商银行", "622651"), ("合肥科技农村商业银行", "622891"),
    ]

    /// What the bank's answer says of a failed payment, the first one always a closed account.
    static let bankFailures = ["账户已销户", "户名与账号不符", "账户已冻结"]

    /// A UnionPay card number of 19 digits: the bank's 6-digit prefix, 12 drawn digits, the Luhn check digit.
    static func cardNumber(bin: String, random: inout SplitMix64) -> String {
        var digits = bin
        for _ in 0..<12 { digits += String(random.int(in: 0...9)) }
        return digits + String(luhnCheckDigit(digits))
    }

    /// The Luhn check digit to append to `payload`.
    static func luhnCheckDigit(_ payload: String) -> Int {
        var sum = 0
        for (index, character) in payload.reversed().enumerated() {
            var digit = character.wholeNumberValue ?? 0
            if index % 2 == 0 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return (10 - sum % 10) % 10
    }

    /// Records a payee account for every member with a claim (the bank card
    /// is one of a claim's papers), on the day of the member's first report,
    /// through ``PayoutService/setMemberAccount(_:residentID:bank:account:context:)``.
    ///
    /// - Returns: The accounts recorded.
    static func recordPayeeAccounts(_ db: DatabaseConnection, services: Services, random: inout SplitMix64,
                                    clock: @escaping @Sendable () -> Date) throws -> Int {
        var claimants: [(on: CivilDate, memberID: Int64)] = []
        let cursor = try services.claims.claims(db)
        while let claim = try cursor.next() { claimants.append((claim.reportedOn, claim.memberID)) }
        claimants.sort { ($0.on, $0.memberID) < ($1.on, $1.memberID) }
        var recorded = Set<Int64>()
        for claimant in claimants where recorded.insert(claimant.memberID).inserted {
            guard let member = try services.members.member(db, id: claimant.memberID) else { continue }
            let bank = random.pick(banks)
            try services.payouts.setMemberAccount(db, residentID: member.residentID.value, bank: bank.name,
                                                  account: cardNumber(bin: bank.bin, random: &random),
                                                  context: WriteContext(operator: operatorName, today: claimant.on, clock: clock))
        }
        return recorded.count
    }

    /// What the payout batch came to.
    struct PayoutTotals {
        var sent = 0
        var amount = Money.zero
        /// The payments the bank made, with their claims' days from report to payment.
        var paid = 0
        var paidAmount = Money.zero
        var daysToPay = 0
        var failed = 0
    }

    /// Sends one payout batch on ``today`` for the approved unpaid claims
    /// (``PayoutService/batch(_:file:workspace:on:context:)``, the file in
    /// `folder`), writes the bank's answer beside it — a few payments failed
    /// (the first a closed account, 账户已销户; about 1 in 20 more), the rest
    /// paid the same day — and reconciles it
    /// (``PayoutService/reconcile(_:file:context:)``): the paid claims are
    /// paid, the failed ones stay approved with the bank's message. No
    /// batch when nothing is payable or the bank balance does not cover it
    /// (E931, E932: a very small city).
    static func sendPayouts(_ db: DatabaseConnection, services: Services, folder: URL, random: inout SplitMix64,
                            clock: @escaping @Sendable () -> Date) throws -> PayoutTotals {
        let context = WriteContext(operator: operatorName, today: today, clock: clock)
        let sent: PayoutBatchResult
        do {
            sent = try services.payouts.batch(db, file: folder.appendingPathComponent(payoutFileName), workspace: nil,
                                              on: today, context: context)
        } catch let error as ValidationError
                    where error.codes.contains(where: { [ReasonCode.payoutBatchEmpty, .fundBalanceInsufficient]
                                                          .map(\.rawValue).contains($0) }) {
            return PayoutTotals()
        }
        var totals = PayoutTotals(sent: sent.items.count, amount: sent.batch.total)
        let firstFailure = random.int(in: 0...(sent.items.count - 1))
        let bankDay = today.description.replacingOccurrences(of: "-", with: "")
        var lines = ["reference,status,date,message"]
        var failures = 0
        for (position, item) in sent.items.enumerated() {
            let fails = sent.items.count >= 2 && failures < sent.items.count - 1
                && (position == firstFailure || random.chance(perMille: 50))
            if fails {
                lines.append("\(item.reference),失败,\(bankDay),\(failures == 0 ? bankFailures[0] : random.pick(bankFailures))")
                failures += 1
            } else {
                lines.append("\(item.reference),成功,\(bankDay),")
            }
        }
        let answer = folder.appendingPathComponent(answerFileName)
        try OutputFile.write(Data((lines.joined(separator: "\r\n") + "\r\n").utf8), to: answer, workspace: nil)
        let result = try services.payouts.reconcile(db, file: answer, context: context)
        totals.paid = result.paid.count
        totals.paidAmount = result.paidTotal
        totals.failed = result.failed.count
        for item in result.paid {
            if let claim = try services.claims.claim(db, id: item.claimID)?.claim {
                totals.daysToPay += claim.reportedOn.days(until: today)
            }
        }
        return totals
    }
}
