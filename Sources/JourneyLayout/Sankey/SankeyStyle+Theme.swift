import JourneyCore

extension SankeyStyle {
    /// The Sankey style of a picture theme, field by field: background, text, muted text,
    /// node border, neutral and stage palette as the theme gives them; drop-off in a dark grey
    /// between text and background (apart from any stage hue and from the light "Other"); return arcs in its
    /// edge colour (dashed, as back edges of the journey map); categorical colours from the
    /// theme's stage palette when it has one (the colour-blind theme), else Tableau 10.
    /// Ribbons are a little more opaque on dark backgrounds, where alpha reads weaker.
    public init(theme: Theme) {
        let dark = theme.background.relativeLuminance < 0.2
        self.init(background: theme.background, text: theme.text, mutedText: theme.mutedText,
                  nodeBorder: theme.nodeBorder, neutral: theme.neutral, dropOff: theme.text.mixed(with: theme.background, 0.35),
                  returnArc: theme.edge, stagePalette: theme.stagePalette,
                  palette: theme.stagePalette.count >= 6 ? theme.stagePalette : SankeyStyle.tableau10,
                  fontFamily: theme.fontFamily, fontSize: theme.fontSize, ribbonAlpha: dark ? 0.55 : 0.42)
    }
}
