import JourneyScene

/// Colours, fonts and sizes of persona cards, sheets and lanes. Kept as plain values so a
/// theme can fill it in; every text colour reaches 4.5:1 contrast on the fills it is drawn on
/// (tested for `light`).
public struct PersonaStyle: Sendable, Equatable {
    /// Sheet background.
    public var background: Color
    public var card: Color
    public var border: Color
    public var text: Color
    public var mutedText: Color
    /// Section headings, avatar, quote bar.
    public var accent: Color
    /// Text on `accent` (avatar initials).
    public var onAccent: Color
    /// Stat tiles, channel chips, lane bands.
    public var tint: Color
    public var positive: Color
    public var negative: Color
    public var neutral: Color
    /// Lane bands of pain points and opportunities.
    public var painTint: Color
    public var opportunityTint: Color
    public var fontFamily: String

    public var nameSize: Double
    public var headingSize: Double
    public var bodySize: Double
    public var smallSize: Double
    /// Big numbers of data personas.
    public var statSize: Double

    public var cardWidth: Double
    public var padding: Double
    /// Text may shrink down to this share of its size before it is cut (and reported).
    public var minimumScale: Double
    /// The card's gaps, indents, avatar and tile sizes, named (`PersonaStyle.CardSizes`).
    public var sizes = CardSizes()

    public init(background: Color, card: Color, border: Color, text: Color, mutedText: Color, accent: Color,
                onAccent: Color, tint: Color, positive: Color, negative: Color, neutral: Color, painTint: Color,
                opportunityTint: Color, fontFamily: String = FontSpec.defaultFamily, nameSize: Double = 18,
                headingSize: Double = 10, bodySize: Double = 10, smallSize: Double = 8.5, statSize: Double = 20,
                cardWidth: Double = 420, padding: Double = 18, minimumScale: Double = 0.8) {
        self.background = background
        self.card = card
        self.border = border
        self.text = text
        self.mutedText = mutedText
        self.accent = accent
        self.onAccent = onAccent
        self.tint = tint
        self.positive = positive
        self.negative = negative
        self.neutral = neutral
        self.painTint = painTint
        self.opportunityTint = opportunityTint
        self.fontFamily = fontFamily
        self.nameSize = nameSize
        self.headingSize = headingSize
        self.bodySize = bodySize
        self.smallSize = smallSize
        self.statSize = statSize
        self.cardWidth = cardWidth
        self.padding = padding
        self.minimumScale = minimumScale
    }

    private static func hex(_ s: String) -> Color { Color(hex: s) ?? .black }

    public static let light = PersonaStyle(
        background: hex("#f3f4f6"), card: .white, border: hex("#d5dae1"), text: hex("#1f2933"),
        mutedText: hex("#52606d"), accent: hex("#2f5d8a"), onAccent: .white, tint: hex("#eef2f7"),
        positive: hex("#2e7d32"), negative: hex("#c62828"), neutral: hex("#6b7280"),
        painTint: hex("#fdeeee"), opportunityTint: hex("#eaf5ea"))

    func font(_ size: Double, bold: Bool = false, italic: Bool = false) -> FontSpec {
        FontSpec(family: fontFamily, size: size, bold: bold, italic: italic)
    }

    /// Colour of an emotion score: positive, negative or neutral.
    func emotionColor(_ e: Double) -> Color { e > 0.001 ? positive : e < -0.001 ? negative : neutral }
}
