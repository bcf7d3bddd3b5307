/// Assigns activities to a touchpoint and stage: by exact name, glob or regular expression,
/// optionally only on one channel. Names and globs compare in `ActivityName.normalized` form
/// (case, `_`, `-`, space and camelCase alike); regular expressions see the name as written.
/// Globs and regexes match without backtracking (`GlobPattern`, `LinearRegex`), so no pattern
/// can make a run hang.
public struct TouchpointRule: Sendable, Equatable {
    public enum Pattern: Equatable, Sendable {
        case exact(String)
        /// `*` any run, `?` one character, `[abc]` a set; the whole name must match.
        case glob(String)
        /// A regular expression (the subset `LinearRegex` runs); the whole name must match.
        case regex(String)
    }

    public var pattern: Pattern
    /// Only events on this channel match (case-insensitive); nil matches any channel.
    public var channel: String?
    /// Touchpoint name to use; nil keeps the activity name.
    public var touchpoint: String?
    public var stage: String
    /// `file:line` of the rule, for messages.
    public var source: String?
    private let glob: GlobPattern?
    private let regex: LinearRegex?
    /// Steps (NFA state visits) a regex may take on one activity: about linear in the
    /// activity's length times the pattern's size, so only a huge name against a huge
    /// pattern reaches it; past it the run stops with a `TemplateError` naming the rule.
    public static let regexBudget = 1_000_000
    /// The exact name in `ActivityName.normalized` form (nil for globs and regexes).
    let normalizedName: String?

    /// Throws a `PatternError` (its message says why) when the pattern cannot be used.
    public init(pattern: Pattern, channel: String? = nil, touchpoint: String? = nil, stage: String, source: String? = nil) throws {
        self.pattern = pattern
        self.channel = channel
        self.touchpoint = touchpoint
        self.stage = stage
        self.source = source
        switch pattern {
        case .exact(let name): glob = nil; regex = nil; normalizedName = ActivityName.normalized(name)
        case .glob(let g): glob = try GlobPattern(ActivityName.normalizedGlob(g)); regex = nil; normalizedName = nil
        case .regex(let r): glob = nil; regex = try LinearRegex(r); normalizedName = nil
        }
    }

    /// Whether the rule takes this event. Throws a `TemplateError` naming the rule when a
    /// regex would take more than `regexBudget` steps on the activity.
    public func matches(activity: String, channel eventChannel: String) throws -> Bool {
        try matches(activity: activity, normalized: ActivityName.normalized(activity), channel: eventChannel)
    }

    /// `matches` with the activity's normalised name already worked out.
    func matches(activity: String, normalized: String, channel eventChannel: String) throws -> Bool {
        if let channel, channel.lowercased() != eventChannel.lowercased() { return false }
        switch pattern {
        case .exact(let name): return name == activity || normalizedName == normalized
        case .glob: return glob!.matches(normalized)
        case .regex(let r):
            var steps = 0
            if let matched = regex!.wholeMatch(activity, budget: Self.regexBudget, steps: &steps) { return matched }
            let (file, line) = Self.split(source)
            let shown = activity.count > 60 ? String(activity.prefix(60)) + "…" : activity
            throw TemplateError(file: file, line: line, key: "regex",
                                message: "the rule regex \"\(r)\" takes more than \(Self.regexBudget) steps on the activity \"\(shown)\" (\(activity.count) characters); simplify the pattern or use a glob")
        }
    }

    /// `file` and `line` of a `file:line` source.
    private static func split(_ source: String?) -> (String, Int?) {
        guard let source else { return ("template", nil) }
        guard let colon = source.lastIndex(of: ":"), let line = Int(source[source.index(after: colon)...]) else {
            return (source, nil)
        }
        return (String(source[..<colon]), line)
    }

    public static func == (a: TouchpointRule, b: TouchpointRule) -> Bool {
        a.pattern == b.pattern && a.channel == b.channel && a.touchpoint == b.touchpoint && a.stage == b.stage
    }
}
