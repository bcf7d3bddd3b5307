import Foundation
import Testing
import JourneyRender
import JourneyScene

@Suite("PDF rendering")
struct RenderPDFTests {
    @Test func startsWithPDFHeaderAndIsRepeatable() throws {
        let a = try render(SampleScenes.small(), format: .pdf)
        let b = try render(SampleScenes.small(), format: .pdf)
        #expect(Array(a.prefix(5)) == Array("%PDF-".utf8))
        #expect(firstDifference(a, b) == nil)
        let text = String(decoding: a, as: UTF8.self)
        #expect(text.contains("/CreationDate (20000101000000Z)"))
        #expect(text.contains("/ModDate (20000101000000Z)"))
    }

    @Test func creationDateComesFromOptions() throws {
        let options = RenderOptions(pdfCreationDate: "2024-05-06T07:08:09+07:00")
        let text = String(decoding: try render(SampleScenes.small(), format: .pdf, options: options), as: UTF8.self)
        #expect(text.contains("/CreationDate (20240506070809+07'00)"))
    }

    @Test(arguments: ["yesterday", "2024-05-06", "2024-05-06 07:08:09", "2024-05-06T07:08:09+7"])
    func malformedDateIsRefused(_ date: String) {
        #expect(throws: RenderError.invalidOption(name: "pdfCreationDate", value: date,
                                                  expected: "an ISO 8601 date such as 2000-01-01T00:00:00Z")) {
            try render(SampleScenes.small(), format: .pdf, options: RenderOptions(pdfCreationDate: date))
        }
    }

    @Test func nilDateStillRenders() throws {
        let bytes = try render(SampleScenes.small(), format: .pdf, options: RenderOptions(pdfCreationDate: nil))
        #expect(Array(bytes.prefix(5)) == Array("%PDF-".utf8))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: pdfinfo), "needs pdfinfo (poppler-utils)"))
    func popplerReadsTitleSubjectAndPageSize() throws {
        let path = temporaryPath("sample.pdf")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(render(SampleScenes.small(title: "Journey ขั้นตอน"), format: .pdf), to: path)
        let info = try output(of: pdfinfo, [path])
        #expect(info.contains("Journey ขั้นตอน"), "pdfinfo said:\n\(info)")
        #expect(info.contains("Two stages and a Thai label"))
        let lines = info.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("Page size: 360 x 200 pts"))
        #expect(lines.contains("Pages: 1"))
    }
}
