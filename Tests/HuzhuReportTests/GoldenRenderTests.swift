import Foundation
import HuzhuReport
import Testing

@Suite("Each renderer's exact output on the fixture (golden files)")
struct GoldenRenderTests {
    @Test("terminal text, Chinese", arguments: [ReportLanguage.zh, .en])
    func text(language: ReportLanguage) throws {
        try ReportFixture.expectGolden(ReportFormat.text.render(try ReportFixture.report(), options: RenderOptions(language: language)),
                                       "fixture.\(language.rawValue).txt")
    }

    @Test("CSV")
    func csv() throws {
        try ReportFixture.expectGolden(ReportFormat.csv.render(try ReportFixture.report()), "fixture.csv")
    }

    @Test("Markdown")
    func markdown() throws {
        try ReportFixture.expectGolden(ReportFormat.md.render(try ReportFixture.report()), "fixture.md")
    }

    @Test("HTML")
    func html() throws {
        try ReportFixture.expectGolden(ReportFormat.html.render(try ReportFixture.report()), "fixture.html")
    }

    @Test("HTML in English, unmasked")
    func htmlEnglishUnmasked() throws {
        try ReportFixture.expectGolden(ReportFormat.html.render(try ReportFixture.report(), options: RenderOptions(language: .en, unmasked: true)),
                                       "fixture.en.unmasked.html")
    }
}
