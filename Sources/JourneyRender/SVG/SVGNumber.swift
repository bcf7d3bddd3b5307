/// Numbers in the semantic SVG: hundredths of a point (a fiftieth of a pixel in a 2× PNG),
/// written the shortest way (`12`, `12.5`, `-0.25`), the same on every machine.
enum SVGNumber {
    static func format(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let hundredths = Int64((v * 100).rounded())
        if hundredths == 0 { return "0" }
        let sign = hundredths < 0 ? "-" : ""
        let a = hundredths.magnitude
        let whole = a / 100, frac = a % 100
        if frac == 0 { return sign + String(whole) }
        if frac % 10 == 0 { return sign + String(whole) + "." + String(frac / 10) }
        return sign + String(whole) + "." + (frac < 10 ? "0" : "") + String(frac)
    }

    /// A 0…1 opacity with three decimals (`0.85`), nil when fully opaque.
    static func opacity(_ a: Double) -> String? {
        let k = Int((max(0, min(1, a)) * 1000).rounded())
        guard k < 1000 else { return nil }
        if k == 0 { return "0" }
        var digits = String(k)
        while digits.count < 3 { digits = "0" + digits }
        while digits.hasSuffix("0") { digits.removeLast() }
        return "0." + digits
    }
}
