/// What to mine and how: filters applied to events before mining, session splitting and
/// activity simplification.
public struct MiningOptions: Sendable, Equatable {
    /// Split a case into journeys where two consecutive events are more than this apart (µs).
    public var sessionGapMicros: Int64?
    /// Keep events at or after this time (µs since epoch).
    public var since: Int64?
    /// Keep events strictly before this time.
    public var until: Int64?
    /// Keep events whose attribute equals one of the values (all clauses must hold).
    public var whereClauses: [WhereClause]
    /// Keep the most frequent touchpoints that together cover this share (0…1] of events;
    /// the other touchpoints' events are dropped before mining (their neighbours reconnect),
    /// as process-mining tools' activity slider does.
    public var keepActivities: Double?
    /// How many of the most frequent variants to keep in the journey file.
    public var maxVariants: Int
    /// Threads to mine with (1 = sequential). Results are identical for any value.
    public var threads: Int
    /// `--include` / `--exclude`: activities taking part, by glob or `re:` pattern.
    public var activityFilter = ActivityFilter()
    /// Keep whole journeys by when they start or end (a comparison's time windows), after the
    /// filters above; nil keeps every journey.
    public var journeyWindow: JourneyWindow?
    /// Count the distinct people behind every count (`--people`, `--min-people`); done only
    /// when a session gap can make them differ from the journeys (`PeopleCounter`).
    public var countsPeople = false

    public init(sessionGapMicros: Int64? = nil, since: Int64? = nil, until: Int64? = nil,
                whereClauses: [WhereClause] = [], keepActivities: Double? = nil, maxVariants: Int = 50,
                threads: Int = 1) {
        self.sessionGapMicros = sessionGapMicros
        self.since = since
        self.until = until
        self.whereClauses = whereClauses
        self.keepActivities = keepActivities
        self.maxVariants = maxVariants
        self.threads = threads
    }

    /// `ATTR=VALUE` or `ATTR=V1,V2` (any of the values).
    public struct WhereClause: Sendable, Equatable {
        public var attribute: String
        public var values: [String]
        public init(attribute: String, values: [String]) {
            self.attribute = attribute
            self.values = values
        }

        /// Parses `ATTR=VALUE[,VALUE…]`; nil when there is no `=` or the name is empty.
        public init?(parsing text: String) {
            guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { return nil }
            attribute = String(text[..<eq])
            values = text[text.index(after: eq)...].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }

        public var description: String { "\(attribute)=\(values.joined(separator: ","))" }
    }
}

/// Mining failed for a reason the user can fix.
public struct MiningError: CategorizedError, Sendable, Equatable {
    public var category: ErrorCategory { .badInput }
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A time window that takes whole journeys: a journey is in it when its first event (or, with
/// `assignBy == .end`, its last) is at or after `start` and before `end`; all of its events
/// count then, also those outside the window.
public struct JourneyWindow: Sendable, Equatable {
    public enum AssignBy: String, Sendable, CaseIterable { case start, end }
    public var start: Int64?
    public var end: Int64?
    public var assignBy: AssignBy

    public init(start: Int64?, end: Int64?, assignBy: AssignBy = .start) {
        self.start = start
        self.end = end
        self.assignBy = assignBy
    }

    @inlinable public func contains(_ t: Int64) -> Bool { t >= (start ?? .min) && t < (end ?? .max) }

    /// R2: whether the window takes the journey whose first and last events (R4 order) are
    /// at `first` and `last` (every engine asks this, so the rule lives here only).
    @inlinable @inline(__always)
    public func takes(first: Int64, last: Int64) -> Bool { contains(assignBy == .start ? first : last) }

    /// Whether a journey the window takes has events outside it (`JourneyWindowStats.spanning`).
    @inlinable @inline(__always)
    public func isSpanning(first: Int64, last: Int64) -> Bool { !contains(first) || !contains(last) }
}

/// How a `JourneyWindow` split the journeys.
public struct JourneyWindowStats: Sendable, Equatable {
    /// Journeys after the other filters.
    public var journeys = 0
    /// Journeys in the window.
    public var kept = 0
    /// Kept journeys with events outside the window (counted whole, on this side only).
    public var spanning = 0
    public init() {}
}
