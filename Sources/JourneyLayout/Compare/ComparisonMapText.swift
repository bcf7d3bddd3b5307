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

    /// `α` written as people read it: 0.05, 0.01.
    static func alpha(_ value: Double) -> String {
        var s = formatDecimal(value, digits: 4)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
