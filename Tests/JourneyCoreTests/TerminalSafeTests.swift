import Testing
@testable import JourneyCore

/// Issue 15: what reaches the terminal, and how early years are written.
@Suite struct TerminalSafeTests {
    @Test func controlCharactersAreEscaped() {
        #expect("a\u{1B}]0;x\u{07}b".terminalSafe == "a\\x1b]0;x\\x07b")
        #expect("\u{7F}\u{9B}\r".terminalSafe == "\\x7f\\u{9b}\\x0d")
        #expect("abc\u{202E}fed".terminalSafe == "abc\\u{202e}fed")
        // Line feeds, tabs, Thai and other text stay as they are.
        let plain = "line 1\n\tการซื้อซ้ำ → ok \\x"
        #expect(plain.terminalSafe == plain)
    }

    @Test func yearsHaveFourDigits() {
        #expect(formatISOYear(999) == "0999" && formatISOYear(42) == "0042" && formatISOYear(0) == "0000")
        #expect(formatISOYear(2024) == "2024" && formatISOYear(12024) == "12024" && formatISOYear(-44) == "-0044")
        // 0999-01-01T00:00:00Z
        #expect(formatISO8601(-30_641_760_000_000_000) == "0999-01-01T00:00:00Z")
    }
}
