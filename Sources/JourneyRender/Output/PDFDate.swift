/// Checks the ISO 8601 date Cairo turns into the PDF's /CreationDate and /ModDate.
enum PDFDate {
    /// Returns `text` when it is `YYYY-MM-DDThh:mm:ss` followed by `Z`, `±hh:mm` or nothing.
    static func validated(_ text: String) throws -> String {
        let chars = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= chars.count && range.allSatisfy { chars[$0] >= 48 && chars[$0] <= 57 }
        }
        func char(_ i: Int, _ c: Character) -> Bool { i < chars.count && chars[i] == c.asciiValue }
        let body = chars.count >= 19 && digits(0..<4) && char(4, "-") && digits(5..<7) && char(7, "-")
            && digits(8..<10) && char(10, "T") && digits(11..<13) && char(13, ":") && digits(14..<16)
            && char(16, ":") && digits(17..<19)
        let zone = chars.count == 19 || (chars.count == 20 && char(19, "Z"))
            || (chars.count == 25 && (char(19, "+") || char(19, "-")) && digits(20..<22) && char(22, ":") && digits(23..<25))
        guard body && zone else {
            throw RenderError.invalidOption(name: "pdfCreationDate", value: text,
                                            expected: "an ISO 8601 date such as 2000-01-01T00:00:00Z")
        }
        return text
    }
}
