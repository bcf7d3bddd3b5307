import JourneyCore

/// What a picture drawn on the Sankey machinery puts in place of the plain Sankey's colours and
/// words (the diff Sankey): the layout, ribbons' shapes, labels' placement and the blocks stay.
/// Arrays are indexed as the flows' `links` and `nodes`.
struct SankeyOverrides {
    var subtitle: String
    /// Second line of each column's header.
    var headers: [String]
    /// Fill of each ribbon, by link index.
    var ribbonFills: [Color]
    /// Ribbons are drawn in increasing priority (ties by link index): the highest on top.
    var ribbonPriority: [Double]
    var nodeFills: [Color]
    /// Second line of each node's label.
    var numbers: [String]
    var legend: [(SankeyColors.Mark, String)]
    var notes: [String]
}
