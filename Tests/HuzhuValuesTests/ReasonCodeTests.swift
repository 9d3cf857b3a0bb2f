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
