import JourneyCore

/// The before/after pictures of a comparison, all drawn on one layout: the union of both
/// sides' journeys is laid out once by the journey map (Graphviz), then drawn three times —
/// as a diff map (colour by direction of change, width by its size, grey when not
/// significant, "+12 pts" labels) and as the before and after maps on one value scale —
/// so every touchpoint box sits in the same place in every picture.
public struct ComparisonMapBuilder {
    public var pair: ComparisonPair
    public var comparison: JourneyComparison
    /// Theme, language, title and label limits; `keepEdges` gains every significant transition.
    public var options: MapOptions
    public var measurer: any TextMeasurer
    /// Widths, shades and dashes of the marks, and the side-by-side gap.
    public var style = ComparisonMapStyle()

    public init(pair: ComparisonPair, comparison: JourneyComparison, options: MapOptions = MapOptions(),
                measurer: any TextMeasurer) {
        self.pair = pair
        self.comparison = comparison
        self.options = options
        self.measurer = measurer
    }

    public struct Result {
        /// The diff map.
        public var diff: Scene
        public var before: Scene
        public var after: Scene
        /// Before | after, the after panel `panelOffset` points to the right of the before one.
        public var sideBySide: Scene
        public var panelOffset: Double
        /// Touchpoint boxes in the diff, before and after scenes (the same in all three).
        public var nodeFrames: [String: Rect]
        /// What the pictures show: marks, colours and the shared scales.
        public var model: ComparisonDiffModel
        public var selection: MapSelection
    }

    public func build() throws -> Result {
        let union = try pair.unionGraph()
        let model = ComparisonDiffModel(comparison: comparison, palette: DiffPalette(theme: options.theme))
        var mapOptions = options
        // Channel lanes (`compare --lanes channel`): the lanes given (both sides split alike,
        // `ComparisonSequences.channelLanes`), else each touchpoint of the union in the lane of
        // its commonest channel over both sides, none split (journey files); either way every
        // decoration keeps its boxes.
        if let lanes = options.swimlanes {
            var found = union.lanesFromChannelCounts(threshold: lanes.splitThreshold)
            if !lanes.boxes.isEmpty {
                found.boxes.merge(lanes.boxes) { _, given in given }
                found.notes = lanes.notes
            }
            mapOptions.swimlanes = found
        }
        mapOptions.keepEdges.formUnion(ComparisonDecorations.significantEdges(comparison))
        if mapOptions.title == nil {
            mapOptions.title = "\(union.source.templateNames.text(options.language ?? union.source.defaultLanguage)): "
                + "\(comparison.before.label) → \(comparison.after.label)"
        }
        let selection = MapSelection(graph: union, maxTouchpoints: mapOptions.maxTouchpoints, maxEdges: mapOptions.maxEdges,
                                     keep: mapOptions.keepEdges)
        let language = options.language ?? union.source.defaultLanguage
        let footnoteWords = FootnoteWords.forLanguage(language)
        let decorations = ComparisonDecorations(comparison: comparison, model: model, pair: pair, union: union,
                                                theme: options.theme, selectionNote: selection.note(footnoteWords),
                                                drawnEdges: Set(selection.edges.map { MapDecoration.EdgeKey(from: $0.from, to: $0.to) }),
                                                words: ComparisonMapStrings(language: language), footnoteWords: footnoteWords,
                                                style: style)
        let maps = try JourneyMapBuilder(graph: union, options: mapOptions, measurer: measurer)
            .build(decorations: [decorations.diff(), decorations.side(.before), decorations.side(.after)])
        let (diff, before, after) = (maps[0], maps[1], maps[2])
        let gap = (options.theme.fontSize * style.panelGap).rounded()
        return Result(diff: diff.scene, before: before.scene, after: after.scene,
                      sideBySide: Self.sideBySide(before.scene, after.scene, gap: gap,
                                                  divider: Stroke(color: options.theme.nodeBorder, width: style.dividerWidth)),
                      panelOffset: before.scene.width + gap, nodeFrames: diff.nodeFrames, model: model,
                      selection: diff.selection)
    }

    /// Two scenes next to each other, `gap` apart, with a thin rule (`divider`) between them.
    static func sideBySide(_ left: Scene, _ right: Scene, gap: Double, divider: Stroke) -> Scene {
        let width = left.width + gap + right.width
        let height = max(left.height, right.height)
        let moved = right.transformed(scale: 1, offset: Point(left.width + gap, 0), canvas: Size(width: width, height: height))
        let x = left.width + gap / 2
        let rule = SceneItem.path(PathItem(segments: [.move(Point(x, gap)), .line(Point(x, height - gap))],
                                           stroke: divider, tag: SceneTag(.divider, "divider")))
        return Scene(width: width, height: height, background: left.background, title: left.title + " | " + right.title,
                     summary: left.summary + " | " + right.summary,
                     items: left.items.prefixingTagIDs("before/") + [rule] + moved.items.prefixingTagIDs("after/"),
                     kind: .compare, language: left.language)
    }
}
