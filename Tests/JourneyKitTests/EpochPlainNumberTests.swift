import Testing
@testable import JourneyKit

/// `EpochRangeCheck.isPlainNumber` judges ASCII text by its bytes; it must answer as the
/// Unicode-aware definition (Foundation's trimming, `Character.isNumber`) does.
@Suite struct EpochPlainNumberTests {
    @Test func byteJudgementIsTheUnicodeDefinition() {
        let samples = ["", " ", "-", ".", "1", "12", "-12", " 12 ", "\t12\t", "1.", ".5", "1.5", "-1.5", "1.2.3",
                       "--1", "- 1", "1e5", "0x10", "19971231", "1700000000.25", "2024-01-02", "12:30", "+5", "1 2",
                       "\u{a0}12", "12\u{a0}", "١٢", "12\u{2003}", "a\u{a0}", "٣.٤", "1\n", "\u{feff}12"]
        for s in samples {
            #expect(EpochRangeCheck.isPlainNumber(s) == EpochRangeCheck.isPlainNumberUnicode(s), "\(s.debugDescription)")
        }
        #expect(EpochRangeCheck.isPlainNumber(" -1700000000.5 "))
        #expect(!EpochRangeCheck.isPlainNumber("2024-01-02"))
    }
}
