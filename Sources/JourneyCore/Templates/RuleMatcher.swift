/// A template's rules indexed for assigning many activities: exact names by their normalised
/// form in a dictionary, so only globs and regexes are tried one by one. First match wins, as
/// with a plain scan of the rules.
struct RuleMatcher {
    let rules: [TouchpointRule]
    /// Normalised exact name → indices of the rules with that name, ascending.
    private var exact: [String: [Int]] = [:]
    /// Indices of glob and regex rules, ascending.
    private var patterns: [Int] = []

    init(_ rules: [TouchpointRule]) {
        self.rules = rules
        for (i, rule) in rules.enumerated() {
            if let name = rule.normalizedName { exact[name, default: []].append(i) } else { patterns.append(i) }
        }
    }

    /// Index of the first rule matching the activity on the channel, nil when none does.
    func firstMatch(activity: String, channel: String) throws -> Int? {
        let normalized = ActivityName.normalized(activity)
        let named = exact[normalized] ?? []
        var a = 0, b = 0
        while a < named.count || b < patterns.count {
            let i: Int
            if b >= patterns.count || (a < named.count && named[a] < patterns[b]) { i = named[a]; a += 1 } else { i = patterns[b]; b += 1 }
            if try rules[i].matches(activity: activity, normalized: normalized, channel: channel) { return i }
        }
        return nil
    }

    func assign(activity: String, channel: String, unassigned: String) throws -> JourneyTemplate.Assignment {
        guard let i = try firstMatch(activity: activity, channel: channel) else {
            return JourneyTemplate.Assignment(touchpoint: activity, stage: unassigned, rule: nil)
        }
        return JourneyTemplate.Assignment(touchpoint: rules[i].touchpoint ?? activity, stage: rules[i].stage, rule: rules[i].source)
    }
}
