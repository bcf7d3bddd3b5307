import JourneyCore
import JourneyScene

extension PersonaStyle {
    /// The persona style of a picture theme (`--theme`), so cards, sheets and lanes match the
    /// journey map and Sankey drawn with the same theme.
    ///
    /// - Cards are the theme's box fill; the sheet behind them is the theme background, darkened
    ///   a little when it equals the card colour so the cards stand out.
    /// - Headings, avatar and stat numbers use the theme's `decrease` colour (a blue in every
    ///   built-in theme); tints are that colour mixed into the card.
    /// - Emotion colours are green/red, lighter on dark backgrounds; themes with their own
    ///   stage palette (colour-blind-safe ones) get their diverging pair instead
    ///   (`decrease` for good, `increase` for bad: blue/orange in `colorblind`).
    /// - Sizes scale with the theme's base font size (11 pt gives the default sizes), and so
    ///   does the card width, so larger type wraps the same way.
    public init(theme: Theme) {
        let card = theme.nodeFill
        let dark = theme.background.relativeLuminance < 0.2
        let background = theme.background == card ? theme.background.mixed(with: theme.text, 0.05) : theme.background
        let accent = theme.decrease
        let positive: Color, negative: Color
        if !theme.stagePalette.isEmpty {
            positive = theme.decrease
            negative = theme.increase
        } else if dark {
            positive = Color(hex: "#56d364") ?? theme.decrease
            negative = Color(hex: "#f85149") ?? theme.increase
        } else {
            positive = Color(hex: "#2e7d32") ?? theme.decrease
            negative = Color(hex: "#c62828") ?? theme.increase
        }
        let scale = theme.fontSize / 11
        self.init(background: background, card: card, border: theme.nodeBorder.mixed(with: card, 0.45),
                  text: theme.text, mutedText: theme.mutedText, accent: accent, onAccent: theme.readableText(on: accent),
                  tint: accent.mixed(with: card, 0.9), positive: positive, negative: negative,
                  neutral: theme.mutedText, painTint: negative.mixed(with: card, 0.9),
                  opportunityTint: positive.mixed(with: card, 0.9), fontFamily: theme.fontFamily,
                  nameSize: 18 * scale, headingSize: 10 * scale, bodySize: 10 * scale, smallSize: 8.5 * scale,
                  statSize: 20 * scale, cardWidth: (420 * scale).rounded(), padding: 18 * scale)
    }
}

extension PersonaCardOptions {
    /// Card options for `theme`: its persona style, and stage colours from its palette when it
    /// has one (as the journey map colours its stage columns).
    public init(theme: Theme, language: String, secondaryLanguage: String? = nil, stages: [StageDefinition]) {
        let coloured = stages.enumerated().map { i, s in
            StageDefinition(id: s.id, names: s.names, color: theme.stageColor(index: i, hex: s.color).hex)
        }
        self.init(language: language, secondaryLanguage: secondaryLanguage, stages: coloured,
                  style: PersonaStyle(theme: theme))
    }
}
