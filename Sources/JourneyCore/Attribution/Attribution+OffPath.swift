extension Attribution {
    /// States the Markov model credits although no converting journey passes them (their linear
    /// credit is 0): a first-order chain joins journeys where they share a state, so a state
    /// only failing journeys reach can lead on, in the chain, to steps that convert (BPI
    /// Challenge 2012: A_DECLINED earned 58.7 of 2,246 conversions, no converting journey
    /// holding it; with `--order 2`, none). Said beside the numbers, not changed.
    public var creditedOffConvertingJourneys: [Row] {
        rows.filter { $0.markov > 0 && $0.linear == 0 && !$0.hidden.contains(.markov) && !$0.hidden.contains(.linear) }
    }

    /// The sentence about `creditedOffConvertingJourneys`, or nil when there are none.
    public func offConvertingJourneysNote(thai: Bool = false) -> String? {
        let rows = creditedOffConvertingJourneys
        guard !rows.isEmpty else { return nil }
        let names = rows.prefix(3).map(\.name).joined(separator: ", ") + (rows.count > 3 ? (thai ? " และอีก \(rows.count - 3)" : " and \(rows.count - 3) more") : "")
        let more = options.order == 1
        if thai {
            return "เครดิตมาร์คอฟของจุดที่ไม่มีเส้นทางที่เกิดคอนเวอร์ชันผ่าน: \(names) (เชนเชื่อมเส้นทางที่ผ่านจุดเดียวกัน\(more ? "; --order 2 จำเพิ่มอีกหนึ่งขั้น" : ""))"
        }
        return "Markov credit without a converting journey: \(names) (no converting journey passes \(rows.count == 1 ? "it" : "them"); "
            + "the chain joins journeys where they share a state\(more ? "; --order 2 remembers one more step" : ""))"
    }
}
