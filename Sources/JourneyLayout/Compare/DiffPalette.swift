import JourneyCore

/// Colours of a diff drawing: a diverging scale with orange for increases and blue for
/// decreases (a pair that stays distinct in the common colour-vision deficiencies; the ramps
/// are from ColorBrewer's PuOr and RdBu), grey for changes that are not significant.
/// Every significant colour has a contrast of at least 3:1 (WCAG, graphics) against
/// `background`; the grey deliberately has less, so it recedes.
public struct DiffPalette: Sendable, Equatable, Codable {
    public var background: String
    /// Smallest and largest significant increase.
    public var increaseWeak: String
    public var increaseStrong: String
    /// Smallest and largest significant decrease.
    public var decreaseWeak: String
    public var decreaseStrong: String
    /// Not significant, below the minimum count, not testable, or unchanged.
    public var notSignificant: String

    public init(background: String, increaseWeak: String, increaseStrong: String, decreaseWeak: String,
                decreaseStrong: String, notSignificant: String) {
        self.background = background
        self.increaseWeak = increaseWeak
        self.increaseStrong = increaseStrong
        self.decreaseWeak = decreaseWeak
        self.decreaseStrong = decreaseStrong
        self.notSignificant = notSignificant
    }

    /// For white or near-white backgrounds: darker is a larger change.
    public static let light = DiffPalette(background: "#ffffff", increaseWeak: "#d66a06", increaseStrong: "#7f3b08",
                                          decreaseWeak: "#4393c3", decreaseStrong: "#053061", notSignificant: "#bdbdbd")
    /// For dark backgrounds: brighter is a larger change.
    public static let dark = DiffPalette(background: "#1e1e1e", increaseWeak: "#e08214", increaseStrong: "#fdb863",
                                         decreaseWeak: "#4393c3", decreaseStrong: "#92c5de", notSignificant: "#5a5a5a")

    /// The colour of a change: grey unless significant, else its direction's ramp at
    /// `magnitude` (0…1, clamped), mixed in sRGB.
    public func color(direction: ChangeDirection, significant: Bool, magnitude: Double) -> String {
        guard significant else { return notSignificant }
        let t = min(1, max(0, magnitude.isNaN ? 0 : magnitude))
        switch direction {
        case .increase: return Self.mix(increaseWeak, increaseStrong, t)
        case .decrease: return Self.mix(decreaseWeak, decreaseStrong, t)
        case .unchanged: return notSignificant
        }
    }

    /// `#rrggbb` between two `#rrggbb` colours; `a` when either does not parse.
    static func mix(_ a: String, _ b: String, _ t: Double) -> String {
        guard let x = rgb(a), let y = rgb(b) else { return a }
        func channel(_ i: Int) -> Int { Int((Double(x[i]) + (Double(y[i]) - Double(x[i])) * t).rounded()) }
        return "#" + (0..<3).map { i in
            let h = String(channel(i), radix: 16)
            return h.count == 1 ? "0" + h : h
        }.joined()
    }

    /// The three 0…255 components of `#rrggbb`.
    static func rgb(_ hex: String) -> [Int]? {
        let s = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
        guard s.count == 6, let v = Int(s, radix: 16) else { return nil }
        return [(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff]
    }
}
