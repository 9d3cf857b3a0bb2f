import Foundation
import Testing
@testable import HuzhuValues

@Suite("Reason codes and failures")
struct ReasonCodeTests {
    @Test("codes sit in their hundreds (6xx claims, 9xx the ledger, 10xx rules)")
    func grouping() {
        for reason in ReasonCode.allCases {
            #expect((1...10).contains(reason.rawValue / 100), "\(reason) = \(reason.rawValue)")
        }
        #expect(ReasonCode.policyOverlap.label == "E503")
    }

    @Test("no number or name is used twice; every code has both texts and is found by its number")
    func unique() {
        let numbers = ReasonCode.allCases.map(\.rawValue)
        #expect(Set(numbers).count == numbers.count)
        #expect(numbers == numbers.sorted())
        #expect(Set(ReasonCode.allCases.map(\.name)).count == numbers.count)
        for code in ReasonCode.allCases {
            #expect(!code.template(.english).isEmpty && !code.template(.chinese).isEmpty, "\(code)")
            #expect(ReasonCode(rawValue: code.rawValue) == code)
        }
        #expect(ReasonCode(rawValue: 999) == nil)
    }

    @Test("the stored numbers and documented names stay as they were")
    func numbersKept() {
        let expected = """
            101 residentIDLength, 102 residentIDCharacter, 103 residentIDAreaCode, 104 residentIDBirthDate,
            105 residentIDBirthDateInFuture, 106 residentIDBirthDateTooEarly, 107 residentIDCheckCharacter,
            111 phoneInvalid, 201 unitCodeInvalid, 202 unitCodeTaken, 203 nameInvalid,
            204 unitParentUnknown, 205 unitCycle, 206 federationHasParent, 207 unitParentRequired,
            208 unitUnknown, 209 officeUnknown, 210 officeCodeTaken, 211 headcountInvalid,
            212 headcountYearInvalid, 213 federationExists, 214 unitKindInvalid, 215 officeKindInvalid,
            216 officeCycle, 217 unitClosed, 218 unitAlreadyClosed, 250 outOfScope,
            251 federationOperation, 252 scopeRootOperation, 301 memberNameInvalid, 302 memberExists,
            303 genderConflict, 304 birthDateConflict, 305 memberUnknown, 306 statusDateMissing,
            307 statusDateUnexpected, 308 dateBeforeJoining, 309 dateInFuture, 310 joinedBeforeBirth,
            311 memberGone, 312 transferSameUnit, 313 memberChangeUnknown, 314 changeBeforeLast,
            315 memberChangeFieldMissing, 316 bankCardCheckDigit, 317 bankAccountInvalid, 318 bankNameRequired,
            320 pseudonymOutOfRange,
            401 planCodeInvalid, 402 planCodeTaken, 404 priceInvalid, 405 maxSharesInvalid,
            406 ageRangeInvalid, 407 waitingPeriodInvalid, 408 accidentWaitingPeriod,
            409 deductibleInvalid, 410 paymentRatioInvalid, 411 capInvalid, 412 capsInconsistent,
            413 benefitItemInvalid, 414 benefitItemDuplicate, 415 windowInvalid, 416 lapseBeforeReport,
            417 groupMinimumInvalid, 418 groupThresholdInvalid, 419 planUnknown, 421 termLength,
            422 termOverlap, 423 termLabelTaken, 424 termUnknown, 425 noOpenTerm, 426 termLabelInvalid,
            427 termRulesMissing, 428 termRulesLocked, 429 planLocked, 430 plansFileInvalid,
            501 memberNotActive, 502 sharesOutOfRange, 503 policyOverlap, 504 exclusivePlanHeld,
            505 ageIneligible, 506 genderIneligible, 507 splitSumMismatch, 508 splitNegative,
            509 policyUnknown, 510 policyNotActive, 511 groupMinimumShare, 512 groupEveryone,
            513 headcountMissing, 514 termEnded, 515 cancelDateOutside, 516 cancelAfterClaim,
            517 cancelReasonMissing, 530 renewalNoPreviousTerm, 601 claimUnknown, 602 claimTransition,
            603 claimAlreadyPaid, 604 claimKindNotCovered, 605 claimDateOrder, 606 claimNoPolicy,
            607 expensesInconsistent, 608 expenseNegative, 609 benefitItemUnknown, 610 benefitItemRequired,
            611 claimDateAfterReport, 612 hospitalDatesRequired, 613 documentUnknown, 614 claimKindInvalid,
            615 rejectionReasonInvalid, 616 claimStatusInvalid, 617 approvedAmountInvalid,
            618 paymentAmountMismatch, 619 paymentMethodInvalid, 620 paymentBeforeApproval,
            621 topUpNegative, 622 topUpRuleRequired, 623 furtherPaymentMismatch, 651 notCovered, 652 waitingPeriod,
            653 reportDeadline, 654 lapsed, 655 ineligible, 656 duplicate, 657 documentsMissing,
            658 overCap, 659 excludedCause, 660 otherReason, 661 belowDeductible, 701 amountInvalid,
            702 amountOverflow, 703 ratioInvalid, 704 splitWeightsInvalid, 705 amountOutOfRange, 801 dateInvalid,
            802 valueRequired, 803 duplicateInFile, 804 booleanInvalid, 805 integerInvalid,
            901 entryUnbalanced, 902 accountUnknown, 903 lineAmountInvalid, 904 contributionAlreadyPosted,
            905 entryUnknown, 906 entryAlreadyReversed, 907 refundNeedsCancelledPolicy,
            908 contributionNotPosted, 909 entryNotReversible, 910 payerUnknown, 911 receiptSurplus,
            912 referenceDuplicate, 913 receiptAmountInvalid, 914 referenceMissing, 915 receiptUnknown, 916 unappliedShort,
            917 nothingOwed, 930 repaymentExceedsOwed, 931 payoutBatchEmpty,
            932 fundBalanceInsufficient, 933 claimInPayoutBatch, 934 payoutReferenceUnknown, 935 payoutStatusInvalid,
            936 payoutAlreadyAnswered, 937 payoutFileColumns, 938 payoutFileExists, 939 payeeNameRequired,
            940 payoutDateInvalid, 950 periodClosed, 951 periodAlreadyClosed,
            952 periodNotEnded, 953 periodMonthInvalid, 1001 ruleName, 1002 subsidyBudgetExceeded,
            1003 targetNegative, 1004 targetYearInvalid, 1005 appraisalLocked, 1006 ruleNotInForce,
            1007 appraisalNoUnits, 1008 periodInvalid
            """
        let actual = ReasonCode.allCases.map { "\($0.rawValue) \($0.name)" }.joined(separator: ", ")
        #expect(actual == expected.replacingOccurrences(of: "\n", with: " "))
    }

    @Test("a code is stored and read as its number")
    func codable() throws {
        let data = try JSONEncoder().encode([ReasonCode.policyOverlap])
        #expect(String(decoding: data, as: UTF8.self) == "[503]")
        #expect(try JSONDecoder().decode([ReasonCode].self, from: data) == [.policyOverlap])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ReasonCode].self, from: Data("[999]".utf8)) }
    }

    @Test("English and Chinese templates name the same placeholders")
    func placeholdersAgree() {
        func placeholders(_ text: String) -> Set<String> {
            var names = Set<String>()
            var rest = text[...]
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                names.insert(String(rest[rest.index(after: open)..<close]))
                rest = rest[rest.index(after: close)...]
            }
            return names
        }
        for reason in ReasonCode.allCases {
            #expect(placeholders(reason.template(.english)) == placeholders(reason.template(.chinese)), "\(reason)")
            #expect(!reason.template(.chinese).isEmpty)
        }
    }

    @Test("the text form names code, subject and message, masking the resident ID")
    func textForm() {
        let failure = ValidationFailure(.policyOverlap, field: "plan", value: .plain("ACC"),
                                        subject: .member("340104198001011234"), ["plan": "ACC", "term": "2012"])
        #expect(failure.text() == "E503 member 340104********1234: already holds a policy in plan ACC term 2012 (overlap)")
        #expect(failure.text(unmasked: true) ==
            "E503 member 340104198001011234: already holds a policy in plan ACC term 2012 (overlap)")
        #expect(failure.text(.chinese) == "E503 member 340104********1234: 已参保计划ACC保障期2012（重复参保）")
        #expect(failure.code == 503)
    }

    @Test("without a subject the field and masked value lead")
    func fieldForm() {
        let failure = ValidationFailure(.residentIDBirthDate, field: "residentID", value: .residentID("340104198013011234"),
                                        ["date": "1980-13-01"])
        #expect(failure.text() == "E104 residentID 340104********1234: invalid birth date (1980-13-01)")
        #expect(ValidationFailure(.valueRequired, field: "name").text() == "E802 name: a value is required")
        #expect(ValidationFailure(.phoneInvalid, field: "phone", value: .phone("13812345678")).text().hasPrefix("E111 phone 138****5678: "))
    }

    @Test("a ValidationError reports every failure, one per line")
    func collected() {
        let error = ValidationError([
            ValidationFailure(.memberNameInvalid, field: "name", subject: .member("340104198001011234"), ["count": "0"]),
            ValidationFailure(.unitUnknown, field: "unit", value: .plain("XX"), subject: .member("340104198001011234"), ["code": "XX"]),
        ])
        #expect(error.codes == [301, 208])
        #expect(error.description == """
            E301 member 340104********1234: name must be 1–50 characters (got 0)
            E208 member 340104********1234: unknown unit XX
            """)
    }
}
