/// Assigns activities to a touchpoint and stage: by exact name, glob or regular expression,
/// optionally only on one channel. Names and globs compare in `ActivityName.normalized` form
/// (case, `_`, `-`, space and camelCase alike); regular expressions see the name as written.
public struct TouchpointRule: @unchecked Sendable, Equatable {
    public enum Pattern: Equatable, Sendable {
        case exact(String)
        /// `*` any run, `?` one character, `[abc]` a set; the whole name must match.
        case glob(String)
        /// A regular expression; the whole name must match.
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
    private let compiled: Regex<AnyRegexOutput>?
    /// The exact name in `ActivityName.normalized` form (nil for globs and regexes).
    let normalizedName: String?

    /// Throws `TemplateError`-ready messages via the loader when the regex does not compile.
    public init(pattern: Pattern, channel: String? = nil, touchpoint: String? = nil, stage: String, source: String? = nil) throws {
        self.pattern = pattern
        self.channel = channel
        self.touchpoint = touchpoint
        self.stage = stage
        self.source = source
        switch pattern {
        case .exact(let name): compiled = nil; normalizedName = ActivityName.normalized(name)
        case .glob(let g): compiled = try Regex(Self.regexSource(forGlob: ActivityName.normalizedGlob(g))); normalizedName = nil
        case .regex(let r): compiled = try Regex(r); normalizedName = nil
        }
    }

    public func matches(activity: String, channel eventChannel: String) -> Bool {
        matches(activity: activity, normalized: ActivityName.normalized(activity), channel: eventChannel)
    }

    /// `matches` with the activity's normalised name already worked out.
    func matches(activity: String, normalized: String, channel eventChannel: String) -> Bool {
        if let channel, channel.lowercased() != eventChannel.lowercased() { return false }
        switch pattern {
        case .exact(let name): return name == activity || normalizedName == normalized
        case .glob: return (try? compiled?.wholeMatch(in: normalized)) != nil
        case .regex: return (try? compiled?.wholeMatch(in: activity)) != nil
        }
    }

    public static func == (a: TouchpointRule, b: TouchpointRule) -> Bool {
        a.pattern == b.pattern && a.channel == b.channel && a.touchpoint == b.touchpoint && a.stage == b.stage
    }

    /// Translates a glob into an anchored regular expression source.
    static func regexSource(forGlob glob: String) -> String {
        var out = ""
        var inSet = false
        for ch in glob {
            if inSet {
                out.append(ch)
                if ch == "]" { inSet = false }
                continue
            }
            switch ch {
            case "*": out += ".*"
            case "?": out += "."
            case "[": out += "["; inSet = true
            default:
                if "\\^$.|+(){}".contains(ch) { out += "\\" }
                out.append(ch)
            }
        }
        return out
    }
}
