import JourneyCore

extension SankeyStyle {
    /// The numbers of a Sankey picture, named: type sizes as multiples of `fontSize`, gaps,
    /// strokes and dashes in points. `SankeySceneBuilder`'s passes read them here and nowhere
    /// else, so a house style changes them in one place.
    public struct Sizes: Sendable, Equatable {
        // Type, as multiples of the base font size.
        public var title = 1.7
        public var subtitle = 1.0
        public var header = 1.1
        /// The second line of a column header (how many journeys are active).
        public var headerCount = 0.85
        public var nodeName = 1.0
        public var nodeNumbers = 0.9
        public var returnArcLabel = 0.85
        public var legend = 0.9
        public var footnote = 0.85

        // Gaps, as multiples of the base font size.
        /// Between the bands (title, headers, arcs, plot, legend, footnote).
        public var bandGap = 1.0
        /// Extra space under the title and over the legend, in band gaps.
        public var titleGap = 1.5
        public var legendGap = 1.5
        /// Room under the return arcs' levels, in band gaps.
        public var arcBandPadding = 0.5
        /// Between a node and its label.
        public var labelGap = 0.4
        /// Room for ribbons between a column's widest label and the next column: this many
        /// base sizes, at least `ribbonRoomMinimum` points.
        public var ribbonRoom = 7.0
        public var ribbonRoomMinimum = 70.0
        /// The picture is at least this many base sizes wide (short titles, one column).
        public var minimumContentWidth = 45.0
        /// A column header leaves this many base sizes before the next column, and wraps at
        /// no less than `minimumHeaderWidth` base sizes.
        public var headerMargin = 1.0
        public var minimumHeaderWidth = 4.0

        // Nodes and labels, in points.
        public var minimumNodeHeight = 4.0
        /// A node is at least the tallest label plus this, minus the node padding.
        public var labelSlack = 2.0
        /// Labels may stand this far out of the plot beyond half their excess height.
        public var labelOverhang = 2.0
        public var nodeCornerRadius = 1.5
        public var nodeBorderWidth = 0.5
        public var nodeBorderAlpha = 0.6
        /// "Skipped" nodes: outlined in `neutral`, dashed.
        public var skippedBorderWidth = 1.2
        public var skippedDash: [Double] = [3, 2]
        /// The light halo behind a label, so it reads over ribbons.
        public var labelHaloInset = Size(width: 2, height: 1)
        public var labelHaloRadius = 2.0
        public var labelHaloAlpha = 0.72

        // Return arcs, in points.
        /// A return arc's level: its label's height plus this.
        public var arcLevelPadding = 4.0
        /// Lanes of arcs in the gutter left of a column: the first this far from the node,
        /// each next one `arcLaneStep` further.
        public var arcGutterInset = 9.0
        public var arcLaneStep = 4.0
        /// Stroke width: the arc's value on the plot's scale, clamped to this range.
        public var arcMinimumWidth = 1.0
        public var arcMaximumWidth = 3.0
        public var arcDash: [Double] = [4, 2.5]
        public var arcCornerRadius = 4.0
        /// Arrow head: `arrowLength + width`, `arrowWidth + width × arrowWidthPerStroke`.
        public var arrowLength = 5.0
        public var arrowWidth = 4.0
        public var arrowWidthPerStroke = 1.5

        public init() {}
    }
}
