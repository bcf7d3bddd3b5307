import JourneyCore

/// Sizes, spacing, strokes and shades of the journey map, as data: every number the map's
/// builders draw with has a name here. Lengths ending in `Em` are multiples of the theme's
/// base font size (`base`); the others are in points or are fractions (alphas, mixes).
struct MapStyle {
    let theme: Theme
    var base: Double { theme.fontSize }

    // Bands and spacing.
    var marginEm = 2.0
    var gapEm = 1.2
    /// Lines of small type reserved for the legend and footnote when fitting a page (`PageWrap`).
    var legendAndNoteLinesEm = 14.0

    // Touchpoint boxes.
    var nodePaddingEm = 0.7
    var nodeTextWidthEm = 13.0
    var nodeMinWidthEm = 6.0
    var nodeCornerEm = 0.4
    var nodeBorderWidth = 0.8
    /// Width of the channel stripe on a box's left side.
    var channelStripeEm = 0.35
    /// Box fill: the node fill mixed with the stage colour by `shadeFloor + shadeRange × volume`.
    var shadeFloor = 0.08
    var shadeRange = 0.42
    /// Text darker than the box's muted text is used below this contrast.
    var mutedTextMinimumContrast = 4.5
    /// Longest channel name, in characters, in a mixed box's channel line.
    var channelMixNameCharacters = 16

    // Stage header band.
    var headerMinNameEm = 9.0
    var headerMaxNameEm = 14.0
    var headerCornerEm = 0.5
    var accentBorderWidth = 0.75
    var accentMaxCorner = 2.0

    // Edges.
    /// Dash of an edge going back to an earlier stage.
    var backDash: [Double] = [6, 4]
    /// Edge opacity: `edgeAlphaFloor + edgeAlphaRange × count / strongest`.
    var edgeAlphaFloor = 0.35
    var edgeAlphaRange = 0.45
    var arrowAlpha = 0.9
    /// The edge label's background lets `1 − labelHaloAlpha` of what is under it through.
    var labelHaloAlpha = 0.85
    var labelPadding = 1.5
    /// Boxes are grown by this much before edge labels are kept off them.
    var labelBoxClearance = 2.0
    /// Side margin of the page that a flow label put outside its boxes stays off (`EdgeDrawer.outsideFrames`).
    var labelOutsideMargin = 24.0
    /// Where along its edge (0…1) a label is tried, in order.
    var labelPositions: [Double] = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]

    // Legend.
    var legendRowMinEm = 1.2
    var legendIndentEm = 4.0
    var legendSwatchEm = 3.0
    var legendChipGapEm = 2.0
    var legendChipEm = 0.5
    var legendChipTextEm = 0.8
    var legendChipAfterEm = 1.2
    var legendSwatchCornerEm = 0.2
    var legendSwatchBorderWidth = 0.6
    /// Shades of the two halves of the "box shade" swatch (node fill mixed with the edge colour).
    var legendShadeLight = 0.1
    var legendShadeDark = 0.5
    /// Swatch heights as a share of the row height; the box swatch's inset and width as shares of the swatch width.
    var legendSwatchHeightShare = 0.7
    var legendBoxInsetShare = 0.15
    var legendBoxWidthShare = 0.7

    // Footnote.
    var footnoteMinWidthEm = 30.0

    // Graphviz (dot) settings, in inches as dot reads them, and edge weights.
    var dotNodeSep = "0.22"
    var dotRankSep = "0.75"
    /// Margin around each stage cluster, in points.
    var dotClusterMargin = "10"
    /// Edge weight: `1 + dotWeightRange × count / strongest`.
    var dotWeightRange = 9
    /// Trimmed graph keeps this much room above and below its boxes.
    var graphTrimPadding = 10.0
    /// Gap between the halves of a stage column split for a print page (`PageColumns`).
    var pageColumnGap = 24.0

    // Swimlanes (`--lanes`), placed by `LanePlacement`, not dot: the same spacing dot gets
    // from `dotNodeSep`, `dotRankSep` and `dotClusterMargin`, in points.
    var laneNodeGap = 15.84
    var laneRankGap = 54.0
    var laneColumnMargin = 10.0
    /// Room above and below the boxes of a lane's tallest cell.
    var lanePadding = 8.0
    /// The same on a print page (`--page`), tighter, so the map prints larger.
    var lanePageNodeGap = 6.0
    var lanePageRankGap = 22.0
    var lanePageColumnMargin = 4.0
    var lanePagePadding = 4.0
    /// Between the sub-columns of a stage column whose tall cells are set side by side.
    var lanePageSubColumnGap = 16.0
    /// Every other lane is tinted with the text colour at this opacity.
    var laneTintAlpha = 0.045
    /// Widest lane label before it wraps, and the gap between the label column and the first stage.
    var laneLabelMaxEm = 9.0
    var laneLabelGapEm = 0.6
    var laneLabelFont: FontSpec { theme.font(0.95, bold: true) }
    var laneLabelGap: Double { base * laneLabelGapEm }

    // Fonts (scale of the base size).
    var nameFont: FontSpec { theme.font(1, bold: true) }
    var statFont: FontSpec { theme.font(0.85) }
    var smallFont: FontSpec { theme.font(0.8) }
    var headerFont: FontSpec { theme.font(1.15, bold: true) }
    var titleFont: FontSpec { theme.font(1.8, bold: true) }
    var subtitleFont: FontSpec { theme.font(1.0) }

    var margin: Double { base * marginEm }
    var gap: Double { base * gapEm }
    var nodePadding: Double { base * nodePaddingEm }
    var nodeTextWidth: Double { base * nodeTextWidthEm }

    init(theme: Theme) { self.theme = theme }

    // Stroke widths are shared with code that has no style (the legend's swatches, the layout pass).
    /// Thinnest stroke (a flow of 1), widest added on top for the strongest flow, and the most
    /// a stroke may grow per move beyond the first.
    static let strokeMinimum = 0.75
    static let strokeRange = 11.25
    static let strokePerMove = 1.5
    /// Arrow head: width `arrowBaseWidth + arrowPerStroke × stroke`, length `arrowBaseLength + arrowPerStroke × stroke`.
    static let arrowBaseWidth = 4.0
    static let arrowBaseLength = 5.0
    static let arrowPerStroke = 0.9
}
