import Testing
@testable import HuzhuValues

@Suite("Phone")
struct PhoneTests {
    @Test("normalises mobiles and landlines", arguments: [
        ("13812345678", "13812345678"), ("138 1234 5678", "13812345678"), ("+8613812345678", "13812345678"),
        ("8619912345678", "19912345678"), ("0551-1234567", "0551-1234567"), ("05511234567", "0551-1234567"),
        ("010-12345678", "010-12345678"), ("01012345678", "010-12345678"), ("021-6123456", "021-6123456"),
        ("0551-62345678", "0551-62345678"),
    ])
    func normalises(text: String, value: String) throws {
        #expect(try Phone(text).value == value)
    }

    @Test("refuses anything else", arguments: [
        "", "12812345678", "1381234567", "138123456789", "138-1234-5678", "0551-123456", "0551-123456789",
        "0551--1234567", "055-11234567", "5511234567", "abc", "0551-0234567",
    ])
    func refuses(text: String) {
        #expect(throws: ValidationFailure(.phoneInvalid, field: "phone", value: .phone(text))) { try Phone(text) }
    }

    @Test("masks the middle")
    func masks() throws {
        #expect(try Phone("13812345678").masked == "138****5678")
        #expect(try Phone("0551-1234567").masked == "0551-***4567")
        #expect(try Phone("010-12345678").masked == "010-****5678")
        #expect(Phone.mask("123") == "***")
    }
}
