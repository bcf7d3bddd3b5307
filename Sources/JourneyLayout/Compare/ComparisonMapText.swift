import JourneyCore

/// How comparison pictures write numbers: changes in percentage points, shares, q-values.
enum ComparisonMapText {
    /// `+12 pts`, `−3.5 pts`, `+1 pt`, `±0 pts` for an effect in shares (0.12 → +12 pts).
    static func points(_ effect: Double) -> String {
        let pts = effect * 100
        let digits = abs(pts) < 9.95 ? 1 : 0
        var text = formatDecimal(abs(pts), digits: digits)
        if text.hasSuffix(".0") { text.removeLast(2) }
        if text == "0" { return "±0 pts" }
        let sign = pts > 0 ? "+" : "−"
        return sign + text + (text == "1" ? " pt" : " pts")
    }

    /// `q 0.004`, `q < 0.001`, `q 0.31`.
    static func q(_ value: Double) -> String {
        if value < 0.001 { return "q < 0.001" }
        return "q " + formatDecimal(value, digits: value < 0.01 ? 3 : 2)
    }

    /// `31% → 40%`.
    static func shares(_ change: ProportionChange) -> String {
        "\(formatPercent(change.before.share)) → \(formatPercent(change.after.share))"
    }

    /// The second line of a box or stage: the change and why it is or is not significant.
    static func verdict(_ change: ProportionChange) -> String {
        switch change.status {
        case .significant: return points(change.absoluteChange) + (change.q.map { " · " + q($0) } ?? "")
        case .notSignificant: return points(change.absoluteChange) + " · not significant"
        case .belowMinCount: return points(change.absoluteChange) + " · too few to test"
        case .untestable:
            if change.before.count == 0 && change.after.count > 0 { return "new after" }
            if change.after.count == 0 && change.before.count > 0 { return "gone after" }
            return "not testable"
        }
    }

    /// `α` written as people read it: 0.05, 0.01.
    static func alpha(_ value: Double) -> String {
        var s = formatDecimal(value, digits: 4)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// `label (1,234 journeys, 2024-04-18 to 2024-05-18)`.
    static func side(_ s: ComparisonSide) -> String {
        var text = "\(s.label) (\(formatCount(s.journeys)) journeys"
        if let a = s.firstTimestamp, let b = s.lastTimestamp {
            text += ", \(formatISO8601(a).prefix(10)) to \(formatISO8601(b).prefix(10))"
        }
        return text + ")"
    }
}
