import Testing
@testable import HuzhuValues

@Suite("ResidentID (GB 11643-1999)")
struct ResidentIDTests {
    let today = Fixture.date("2025-06-01")

    @Test("accepts the known good numbers", arguments: ["11010519491231002X", "440524188001010014", "34052419800101001X"])
    func acceptsKnownGood(text: String) throws {
        #expect(try ResidentID(text, today: today).value == text)
    }

    @Test("reads gender and birth date")
    func readsParts() throws {
        let woman = try ResidentID("11010519491231002X", today: today)
        #expect(woman.gender == .female)  // 17th digit 2 is even
        #expect(woman.birthDate.description == "1949-12-31")
        #expect(woman.areaCode == "110105")
        let man = try ResidentID("440524188001010014", today: today)
        #expect(man.gender == .male)      // 17th digit 1 is odd
        #expect(man.birthDate.description == "1880-01-01")
    }

    @Test("accepts a lower-case x and stores X")
    func normalisesX() throws {
        #expect(try ResidentID("11010519491231002x", today: today).value == "11010519491231002X")
    }

    @Test("names a wrong check character")
    func wrongCheckCharacter() {
        #expect(throws: ValidationFailure(.residentIDCheckCharacter, field: "residentID", value: .residentID("110105194912310023"),
                                          ["expected": "X", "actual": "3"])) {
            try ResidentID("110105194912310023", today: today)
        }
        let failure = ValidationFailure(.residentIDCheckCharacter, field: "residentID", value: .residentID("110105194912310023"),
                                        ["expected": "X", "actual": "3"])
        #expect(failure.message() == "wrong check character (expected X, got 3)")
        #expect(failure.message(.chinese) == "校验码错误（应为X，实为3）")
    }

    @Test("each problem has its exact message", arguments: [
        ("34010419801301123", "must be 18 characters (got 17)"),
        ("3401041980010112345", "must be 18 characters (got 19)"),
        ("", "must be 18 characters (got 0)"),
        ("3401A4198001011234", "unexpected character 'A' at position 5"),
        ("34010419800101123Y", "unexpected character 'Y' at position 18"),
        ("X40104198001011234", "unexpected character 'X' at position 1"),
        ("340104198013011231", "invalid birth date (1980-13-01)"),
        ("340104198002301233", "invalid birth date (1980-02-30)"),
        ("340104209001011235", "birth date 2090-01-01 is in the future"),
        ("990104198001011235", "unknown area code 99"),
        ("340104179912311234", "birth date 1799-12-31 is before 1800-01-01"),
        ("340104198001011235", "wrong check character (expected 4, got 5)"),
    ])
    func rejects(text: String, message: String) {
        do {
            _ = try ResidentID(text, today: today)
            Issue.record("accepted \(text)")
        } catch let failure as ValidationFailure {
            #expect(failure.message() == message)
            #expect(failure.field == "residentID")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("a birth date of today is fine, tomorrow is the future")
    func futureBoundary() throws {
        let id = Fixture.residentID(birth: "20250601", sequence: 1)
        #expect(try ResidentID(id, today: today).birthDate == today)
        #expect(throws: ValidationFailure.self) { try ResidentID(id, today: Fixture.date("2025-05-31")) }
    }

    @Test("the earliest birth date can be tightened")
    func earliestBound() {
        do {
            _ = try ResidentID("440524188001010014", today: today, earliestBirthDate: Fixture.date("1900-01-01"))
            Issue.record("accepted")
        } catch let failure as ValidationFailure {
            #expect(failure.text(unmasked: true) == "E106 residentID 440524188001010014: birth date 1880-01-01 is before 1900-01-01")
        } catch { Issue.record("\(error)") }
    }

    @Test("upgrades a 15-digit legacy number")
    func upgradesLegacy() throws {
        #expect(try ResidentID("340524800101001", today: today).value == "34052419800101001X")
        #expect(try ResidentID(legacy: "110105491231002", today: today).value == "11010519491231002X")
        #expect(throws: ValidationFailure.self) { try ResidentID("34052480010100X", today: today) }
        #expect(throws: ValidationFailure.self) { try ResidentID("340524801301001", today: today) }  // month 13
    }

    @Test("masks the middle, valid or not")
    func masks() throws {
        #expect(try ResidentID("340104198001011234", today: today).masked == "340104********1234")
        #expect(try ResidentID("11010519491231002X", today: today).description == "110105********002X")
        #expect(ResidentID.mask("34010419801301123") == "340104*******1123")
        #expect(ResidentID.mask("1234567890") == "**********")
    }
}
