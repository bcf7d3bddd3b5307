import JourneyCore

/// What a journey map shows and how.
public struct MapOptions: Sendable {
    /// What edge labels show.
    public enum Metric: String, Sendable, CaseIterable {
        /// Transition count.
        case count
        /// Share of the source touchpoint's outgoing moves (ends included).
        case share
        /// Median time between the two events.
        case time
    }

    /// Label language (`en`, `th`, …); nil uses the template's default.
    public var language: String?
    public var metric: Metric
    public var theme: Theme
    /// Title; nil makes one from the template name.
    public var title: String?
    /// Most touchpoints drawn; the least visited beyond it are hidden into the note.
    public var maxTouchpoints: Int
    /// Most transitions drawn; nil chooses 1.5 × touchpoints (at least 12). The strongest
    /// are kept, plus each touchpoint's strongest way in and out so nothing floats alone.
    public var maxEdges: Int?
    /// Longest label in characters before an ellipsis.
    public var maxLabelCharacters: Int
    /// Allow Graphviz settings that can run for minutes on big graphs (orthogonal splines).
    public var splines: String
    public var allowSlowLayout: Bool
    /// Extra footnote lines (data source, filters) added by the caller.
    public var footnotes: [String]
    /// Transitions always drawn when both their touchpoints are (e.g. significant changes),
    /// beyond `maxEdges`.
    public var keepEdges: Set<MapDecoration.EdgeKey> = []
    /// Narrower boxes, taller: the counts under a touchpoint's name on two lines ("145 events",
    /// "24% of journeys"). For print pages, where the map is scaled to the page width: the
    /// 23-touchpoint demo map's names grow from 10 pt to 12 pt on A3 (`pdftotext -bbox`).
    public var compactBoxes = false

    /// The print page the map will be fitted to (points), when there is one: a map of a single
    /// stage column wider than the page's shape allows is wrapped into rows of ranks
    /// (`PageWrap`), so its type stays large on paper.
    public var page: Size?

    /// Swimlanes (`map --lanes ATTR`): each box's lane; the graph drawn is then the lane graph
    /// (`JourneyGraph.splitIntoLanes`), whose split boxes these name. Nil draws no lanes.
    public var swimlanes: Swimlanes?

    public init(language: String? = nil, metric: Metric = .count, theme: Theme = .light, title: String? = nil,
                maxTouchpoints: Int = 40, maxEdges: Int? = nil, maxLabelCharacters: Int = 48,
                splines: String = "spline", allowSlowLayout: Bool = false, footnotes: [String] = []) {
        self.language = language
        self.metric = metric
        self.theme = theme
        self.title = title
        self.maxTouchpoints = maxTouchpoints
        self.maxEdges = maxEdges
        self.maxLabelCharacters = maxLabelCharacters
        self.splines = splines
        self.allowSlowLayout = allowSlowLayout
        self.footnotes = footnotes
    }
}
