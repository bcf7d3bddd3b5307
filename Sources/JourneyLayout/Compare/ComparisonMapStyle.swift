import JourneyCore

/// The numbers of the comparison pictures, named: widths of the diff map's marks by the size
/// of a change, the before/after panels' shades and widths on their shared scale, and the
/// side-by-side gap. Colours come from the theme (`DiffPalette(theme:)`); `ComparisonDecorations`
/// reads every number here.
public struct ComparisonMapStyle: Sendable, Equatable {
    // Diff map: transitions.
    /// Significant transitions: from `significantEdgeWidth` (no change) to `largestEdgeWidth`
    /// (the largest change); drawn over the rest (`significantPriority` + magnitude).
    public var significantEdgeWidth = 1.5
    public var largestEdgeWidth = 10.0
    public var significantPriority = 2.0
    /// Not significant: grey, from `quietEdgeWidth`, at most `quietEdgeMaximum`.
    public var quietEdgeWidth = 0.75
    public var quietEdgeMaximum = 2.5
    /// Transitions the comparison has no row for.
    public var otherEdgeWidth = 0.75

    // Diff map: boxes and stages.
    /// Significant boxes: filled with this much of their colour, bordered from
    /// `significantBorder` plus `borderPerMagnitude` × the size of the change.
    public var significantFillMix = 0.1
    public var significantBorder = 1.5
    public var borderPerMagnitude = 2.5
    public var quietBorder = 0.8
    /// The accent bar under a stage header: `stageAccent` + `stageAccentPerMagnitude` ×
    /// magnitude when significant, else `quietStageAccent`.
    public var stageAccent = 3.0
    public var stageAccentPerMagnitude = 4.0
    public var quietStageAccent = 2.0

    // Diff map: legend.
    public var legendWeakWidth = 2.0
    public var legendStrongWidth = 10.0
    public var legendQuietWidth = 2.0
    public var legendBoxBorder = 2.5

    // Before and after panels (f: a count over the largest on either side).
    /// Transitions: alpha `panelEdgeAlpha` + `panelEdgeAlphaPerShare` × f, width
    /// `panelEdgeWidth` + `panelEdgeWidthPerShare` × f.
    public var panelEdgeAlpha = 0.35
    public var panelEdgeAlphaPerShare = 0.45
    public var panelEdgeWidth = 0.75
    public var panelEdgeWidthPerShare = 11.25
    /// The legend's thickest transition (f = 1).
    public var panelLegendStrongAlpha = 0.8
    public var panelLegendStrongWidth = 12.0
    /// Boxes: the stage colour mixed in by `panelFillMix` + `panelFillMixPerShare` × the box's journeys over the largest.
    public var panelFillMix = 0.08
    public var panelFillMixPerShare = 0.42
    public var panelLegendFillMix = 0.4
    public var panelLegendBorder = 0.6
    /// Boxes and transitions the side does not have: dashed ghosts under everything.
    public var absentBorder = 0.8
    public var absentDash: [Double] = [3, 2]
    public var ghostEdgeWidth = 0.9
    public var ghostEdgeDash: [Double] = [2, 3]
    public var ghostPriority = -1.0

    // Side by side.
    /// Gap between the panels, in font sizes (rounded to whole points), and the rule in it.
    public var panelGap = 3.0
    public var dividerWidth = 1.0

    public init() {}
}
