/// The numbers behind a picture, embedded as JSON in its one-file HTML page (`-o map.html`) for
/// the page's tooltips, selection, search and flow slider.
///
/// Plain values: JourneyKit fills it from the journey graph and the map's selection (the same
/// numbers the picture draws); JourneyRender writes it into the page. Names match the SVG
/// groups' `data-name` (touchpoints) and `data-from`/`data-to` (flows).
public struct InteractiveData: Sendable, Equatable, Codable {
    /// `map`, `sankey`, `compare` or `persona`.
    public var kind: String
    /// The picture's language (`en`, `th`): the page's `lang` and its interface words.
    public var language: String
    /// Journeys of the data behind the picture.
    public var journeys: Int
    /// Every move between touchpoints in the data (drawn or not): the base of the hidden share.
    public var totalMoves: Int
    /// Moves always drawn whatever the slider says (a→a repeats, shown as badges on the boxes).
    public var fixedMoves: Int
    public var touchpoints: [Touchpoint]
    /// The drawn flows, strongest first (the slider shows the first N).
    public var flows: [Flow]
    /// Sankey pages: the drawn nodes and links (`InteractiveData+Pictures.swift`); nil elsewhere,
    /// so other pages keep their bytes.
    public var nodes: [SankeyNode]?
    /// Sankey pages: what node and link values count (`journeys`, `events` or `people`).
    public var unit: String?
    public var links: [SankeyLink]?
    /// Persona pages: each card's facts and stages.
    public var personas: [PersonaCard]?
    /// Comparison pages: every change of a share between the two sides, as tested.
    public var changes: [Change]?

    public init(kind: String, language: String, journeys: Int = 0, totalMoves: Int = 0, fixedMoves: Int = 0,
                touchpoints: [Touchpoint] = [], flows: [Flow] = []) {
        self.kind = kind
        self.language = language
        self.journeys = journeys
        self.totalMoves = totalMoves
        self.fixedMoves = fixedMoves
        self.touchpoints = touchpoints
        self.flows = flows
    }

    public struct Touchpoint: Sendable, Equatable, Codable {
        public var name: String
        public var stage: String
        public var events: Int
        public var journeys: Int
        /// Journeys with it / all journeys.
        public var share: Double
        public var starts: Int
        public var ends: Int
        /// a→a moves.
        public var repeats: Int
        /// The most frequent next and previous touchpoints (all of the data, drawn or not).
        public var next: [Step]
        public var previous: [Step]

        public init(name: String, stage: String, events: Int, journeys: Int, share: Double, starts: Int, ends: Int,
                    repeats: Int, next: [Step], previous: [Step]) {
            self.name = name
            self.stage = stage
            self.events = events
            self.journeys = journeys
            self.share = share
            self.starts = starts
            self.ends = ends
            self.repeats = repeats
            self.next = next
            self.previous = previous
        }
    }

    /// A neighbouring touchpoint and the moves to (or from) it, with their share of the
    /// touchpoint's moves out (or in).
    public struct Step: Sendable, Equatable, Codable {
        public var name: String
        public var count: Int
        public var share: Double
        public init(name: String, count: Int, share: Double) {
            self.name = name
            self.count = count
            self.share = share
        }
    }

    public struct Flow: Sendable, Equatable, Codable {
        public var from: String
        public var to: String
        public var count: Int
        public var journeys: Int
        /// count / the source's moves out (its flows, repeats included, plus journeys ending there).
        public var share: Double
        public var medianSeconds: Double?
        public var p90Seconds: Double?

        public init(from: String, to: String, count: Int, journeys: Int, share: Double,
                    medianSeconds: Double?, p90Seconds: Double?) {
            self.from = from
            self.to = to
            self.count = count
            self.journeys = journeys
            self.share = share
            self.medianSeconds = medianSeconds
            self.p90Seconds = p90Seconds
        }
    }
}
