import JourneyCore

/// A template's rules as SQL `CASE` expressions over one row per distinct (activity, channel):
/// the rules of `RuleMatcher.assign` (JourneyCore/Templates) — first matching rule wins, in
/// template order; an exact name matches the activity as written or in
/// `ActivityName.normalized` form; a glob matches the normalised name (`LIKE`, or a regular
/// expression when it has `[sets]`); `re:` matches the name as written; a rule with a channel
/// matches only on that channel, case-insensitively; no match: the activity keeps its name on
/// the template's unassigned stage.
struct TemplateSQL {
    let template: JourneyTemplate
    let syntax: SQLSyntax

    /// Columns of the row the expressions read.
    static let activity = "a", normalized = "n", channel = "ch"

    /// Stage index of each rule (template stages, then unassigned last; `Miner.TouchpointNamer`).
    private var stageIndex: [String: Int] {
        Dictionary(template.allStages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// `ActivityName.normalized(a)` in SQL: camelCase split, lower case, runs of `_ - space . / : tab`
    /// as one `_`, trimmed. Exact for ASCII names in every dialect; beyond ASCII as far as the
    /// dialect's regular expressions know letter cases (docs/engines.md).
    func normalizedExpression(_ column: String) -> String {
        let split = syntax.regexReplaceAll(column, syntax.camelCasePattern, "\\1_\\2")
        let lower = syntax.lower(split)
        let joined = syntax.regexReplaceAll(lower, "[-_ ./:\\t]+", "_")
        return syntax.regexReplaceAll(joined, "^_+|_+$", "")
    }

    /// The condition of one rule.
    func condition(_ rule: TouchpointRule) throws -> String {
        let a = Self.activity, n = Self.normalized
        var test: String
        switch rule.pattern {
        case .exact(let name):
            test = "(\(a) = \(syntax.literal(name)) OR \(n) = \(syntax.literal(ActivityName.normalized(name))))"
        case .glob(let glob):
            let normalized = ActivityName.normalizedGlob(glob)
            if let like = Self.likePattern(normalized) {
                test = syntax.like(n, like)
            } else {
                test = syntax.regexFullMatch(n, try Self.regexPattern(glob: normalized, rule: rule))
            }
        case .regex(let pattern):
            if syntax.dialect == .snowflake, pattern.contains("(?") {
                throw EngineQueryError("template rule \(rule.source ?? "re:\(pattern)"): snowflake's regular expressions have no (?…) groups; rewrite the rule or mine with another engine")
            }
            test = syntax.regexFullMatch(a, pattern)
        }
        if let channel = rule.channel {
            test = "(\(test) AND \(syntax.lower(Self.channel)) = \(syntax.literal(channel.lowercased())))"
        }
        return test
    }

    /// `CASE` giving the touchpoint name.
    func touchpointCase() throws -> String {
        guard !template.rules.isEmpty else { return Self.activity }
        var s = "CASE"
        for rule in template.rules {
            let name = rule.touchpoint.map(syntax.literal) ?? Self.activity
            s += "\n      WHEN \(try condition(rule)) THEN \(name)"
        }
        return s + "\n      ELSE \(Self.activity) END"
    }

    /// `CASE` giving the stage index (unassigned: the last).
    func stageCase() throws -> String {
        let unassigned = template.allStages.count - 1
        guard !template.rules.isEmpty else { return "\(unassigned)" }
        let index = stageIndex
        var s = "CASE"
        for rule in template.rules {
            s += "\n      WHEN \(try condition(rule)) THEN \(index[rule.stage] ?? unassigned)"
        }
        return s + "\n      ELSE \(unassigned) END"
    }

    /// A glob without `[sets]` as a `LIKE` pattern (`*` → `%`, `?` → `_`, `%`, `_` and `\`
    /// escaped with `\`); nil when it has a set.
    static func likePattern(_ glob: String) -> String? {
        guard !glob.contains("[") else { return nil }
        var out = ""
        for ch in glob {
            switch ch {
            case "*": out += "%"
            case "?": out += "_"
            case "%", "_", "\\": out += "\\" + String(ch)
            default: out.append(ch)
            }
        }
        return out
    }

    /// A glob as a regular expression (`GlobPattern`'s syntax: `*`, `?`, `[abc]`, `[a-z]`,
    /// `[^a]` or `[!a]`, `\` escaping inside sets).
    static func regexPattern(glob: String, rule: TouchpointRule) throws -> String {
        var out = ""
        var chars = Array(glob)[...]
        func escaped(_ c: Character) -> String { "\\^$.|?*+()[]{}-/".contains(c) ? "\\" + String(c) : String(c) }
        while let c = chars.popFirst() {
            switch c {
            case "*": out += ".*"
            case "?": out += "."
            case "[":
                var set = "["
                if let f = chars.first, f == "^" || f == "!" { set += "^"; chars.removeFirst() }
                var first = true
                while true {
                    guard var x = chars.popFirst() else {
                        throw EngineQueryError("template rule \(rule.source ?? glob): a [ set is not closed with ]")
                    }
                    if x == "]" && !first { break }
                    first = false
                    if x == "\\", let e = chars.popFirst() { x = e }
                    if chars.count >= 2, chars.first == "-", chars[chars.startIndex + 1] != "]" {
                        chars.removeFirst()
                        var hi = chars.removeFirst()
                        if hi == "\\", let e = chars.popFirst() { hi = e }
                        set += escaped(x) + "-" + escaped(hi)
                    } else {
                        set += escaped(x)
                    }
                }
                out += set + "]"
            default: out += escaped(c)
            }
        }
        return out
    }
}
