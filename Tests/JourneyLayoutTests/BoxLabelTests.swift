import Testing
@testable import JourneyLayout

/// Box names shortened so that different touchpoints never read the same (a user's report on
/// loghub's HealthApp log: "onReceive action: android.intent.action.SCREEN_ON" and "…_OFF"
/// were both drawn as "…action.SCREEN_…").
@Suite struct BoxLabelTests {
    @Test func namesThatWouldReadTheSameAreCutInTheMiddle() {
        let on = "onReceive action: android.intent.action.SCREEN_ON"
        let off = "onReceive action: android.intent.action.SCREEN_OFF"
        let other = "processHandleBroadcastAction action:android.intent.action.BATTERY_CHANGED"
        let labels = distinctLabels([on, off, other, "short"], max: 48)
        #expect(labels[0] != labels[1], "\(labels)")
        #expect(labels[0].count <= 48 && labels[1].count <= 48)
        #expect(labels[0].hasPrefix("onReceive action") && labels[0].hasSuffix("SCREEN_ON"), "\(labels[0])")
        #expect(labels[1].hasSuffix("SCREEN_OFF"), "\(labels[1])")
        // Names whose ends differ anyway keep the end cut, and short names stay whole.
        #expect(labels[2] == ellipsized(other, max: 48))
        #expect(labels[3] == "short")
        // Thai names are cut by grapheme clusters either way.
        let thai = distinctLabels(["ดูสินค้าหน้าแรกแล้วเลือกการจัดส่งแบบด่วน", "ดูสินค้าหน้าแรกแล้วเลือกการจัดส่งแบบธรรมดา"], max: 20)
        #expect(thai[0] != thai[1] && thai.allSatisfy { $0.count <= 20 }, "\(thai)")
    }
}
