/// The numbers of the pages other than the journey map, in the same spirit: plain values, names
/// and ids as the SVG's groups carry them (`data-id`, `data-from`, `data-to`), shares as 0…1.
extension InteractiveData {
    /// A Sankey node: `id` is its group's `data-id` (`node3`).
    public struct SankeyNode: Sendable, Equatable, Codable {
        public var id: String
        /// The touchpoint, or `other`, `dropOff`, `start`, `skipped`.
        public var name: String
        public var kind: String
        public var column: Int
        /// Journeys, events or people (the page's `unit`) through the node.
        public var value: Int
        /// The node's share as its label prints it (`--percent-of`).
        public var share: Double
        public init(id: String, name: String, kind: String, column: Int, value: Int, share: Double) {
            self.id = id; self.name = name; self.kind = kind; self.column = column; self.value = value; self.share = share
        }
    }

    /// A Sankey link between two nodes' ids, with the names of their ends.
    public struct SankeyLink: Sendable, Equatable, Codable {
        public var from: String
        public var to: String
        public var fromName: String
        public var toName: String
        public var value: Int
        /// value / the source node's value (0 when it has none).
        public var share: Double
        /// `forward`, `dropOff`, `entry` or `returnArc`.
        public var kind: String
        public init(from: String, to: String, fromName: String, toName: String, value: Int, share: Double, kind: String) {
            self.from = from; self.to = to; self.fromName = fromName; self.toName = toName
            self.value = value; self.share = share; self.kind = kind
        }
    }

    /// One persona card: who, the facts measured for a segment found in a log, and per stage
    /// the emotion the card draws.
    public struct PersonaCard: Sendable, Equatable, Codable {
        public var name: String
        public var role: String?
        public var journeys: Int?
        public var share: Double?
        public var conversionStage: String?
        public var conversionRate: Double?
        public var medianDurationSeconds: Double?
        public var topChannels: [Step]?
        public var typicalPath: [String]?
        public var stages: [PersonaStageMood]
        public init(name: String, role: String?, journeys: Int?, share: Double?, conversionStage: String?, conversionRate: Double?,
                    medianDurationSeconds: Double?, topChannels: [Step]?, typicalPath: [String]?, stages: [PersonaStageMood]) {
            self.name = name; self.role = role; self.journeys = journeys; self.share = share
            self.conversionStage = conversionStage; self.conversionRate = conversionRate
            self.medianDurationSeconds = medianDurationSeconds; self.topChannels = topChannels
            self.typicalPath = typicalPath; self.stages = stages
        }
    }

    public struct PersonaStageMood: Sendable, Equatable, Codable {
        public var stage: String
        public var emotion: Double?
        public init(stage: String, emotion: Double?) { self.stage = stage; self.emotion = emotion }
    }

    /// A tested (or untested) change of one share: a stage reached, a touchpoint visited, a
    /// transition taken (`from`/`to`; nil `from`: journeys starting at `to`, nil `to`: ending at `from`).
    public struct Change: Sendable, Equatable, Codable {
        /// `stage`, `touchpoint` or `transition`.
        public var kind: String
        public var name: String?
        public var from: String?
        public var to: String?
        public var beforeCount: Int
        public var beforeTotal: Int
        public var afterCount: Int
        public var afterTotal: Int
        /// after share − before share (0.05: 5 percentage points).
        public var absoluteChange: Double
        public var p: Double?
        public var q: Double?
        /// `significant`, `notSignificant`, `belowMinEffect`, … (the report's status).
        public var status: String
        public init(kind: String, name: String?, from: String?, to: String?, beforeCount: Int, beforeTotal: Int,
                    afterCount: Int, afterTotal: Int, absoluteChange: Double, p: Double?, q: Double?, status: String) {
            self.kind = kind; self.name = name; self.from = from; self.to = to
            self.beforeCount = beforeCount; self.beforeTotal = beforeTotal; self.afterCount = afterCount; self.afterTotal = afterTotal
            self.absoluteChange = absoluteChange; self.p = p; self.q = q; self.status = status
        }
    }
}
