/// A starter template for a log (`journeymap template suggest`): the stages `--stages auto`
/// draws, and one exact rule per activity with its count and position as a comment. Mining
/// with its YAML places every activity as the inferred template does, so the pictures are the
/// same, byte for byte.
public struct SuggestedTemplate: Sendable {
    public var template: JourneyTemplate
    /// One line per activity (or activity on a channel, when the template looks at channels).
    public var entries: [Entry]
    /// What the header comment says the template came from (file names).
    public var source: String

    public struct Entry: Sendable, Equatable {
        public var activity: String
        public var channel: String?
        public var touchpoint: String?
        public var stage: String
        public var events: Int
        /// Median normalised position of its touchpoint in journeys (0 first … 1 last).
        public var position: Double?
        /// Index of the derived template's rule that places it (orders the file's rules).
        var ruleIndex: Int
    }

    /// The suggestion for `table` starting from `template` (its vocabulary), read with `options`.
    public init(template: JourneyTemplate, table: EventTable, options: MiningOptions, source: String) throws {
        let sequences = try Miner(template: template, options: options).sequences(table)
        let inference = StageInference(template: template, sequences: sequences)
        let derived = inference.derived
        self.template = derived
        self.source = source
        let matcher = RuleMatcher(derived.rules)
        let channelSensitive = derived.rules.contains { $0.channel != nil }
        // Events per activity (per activity and channel when rules look at channels).
        var counts: [Int: Int] = [:]
        let channels = channelSensitive ? table.channels.count : 1
        for i in 0..<table.count {
            let a = Int(table.activityIDs[i]), c = channelSensitive ? Int(table.channelIDs[i]) : 0
            counts[a * channels + c, default: 0] += 1
        }
        var entries: [Entry] = []
        for (key, events) in counts {
            let activity = table.activities.strings[key / channels]
            let channel = channelSensitive ? table.channels.strings[key % channels] : nil
            guard let i = try matcher.firstMatch(activity: activity, channel: channel ?? "") else { continue }
            let rule = derived.rules[i]
            let touchpoint = rule.touchpoint ?? activity
            entries.append(Entry(activity: activity, channel: rule.channel == nil ? nil : channel,
                                 touchpoint: rule.touchpoint, stage: rule.stage, events: events,
                                 position: inference.positionByTouchpoint[touchpoint], ruleIndex: i))
        }
        entries.sort { ($0.ruleIndex, $0.activity, $0.channel ?? "") < ($1.ruleIndex, $1.activity, $1.channel ?? "") }
        self.entries = entries
    }

    /// The template as YAML that `JourneyTemplate.parse` reads back to the same stages and rules.
    public func yaml() -> String {
        var out = "# Starter journey template suggested by `journeymap template suggest` from \(source).\n"
        if template.stagesInferred {
            out += """
            # Stages were inferred from where activities occur in journeys (position: the median of
            # their events' places, 0 = a journey's first event, 1 = its last). Rename the stages, move
            # activities between them, then delete the `inferred: true` line so pictures stop saying so.

            """
        } else {
            out += "# Every activity was placed by the vocabulary of template \(Self.quoted(template.id)).\n"
        }
        out += "id: \(Self.quoted(template.id))\n"
        out += "names: \(Self.names(template.names))\n"
        out += "language: \(Self.quoted(template.defaultLanguage))\n"
        if template.stagesInferred { out += "inferred: true\n" }
        out += "stages:\n"
        for stage in template.stages {
            out += "  - id: \(Self.quoted(stage.id))\n"
            out += "    names: \(Self.names(stage.names))\n"
            out += "    color: \(Self.quoted(stage.color))\n"
        }
        out += "touchpoints:  # one rule per activity: its events in the log, and its position\n"
        for e in entries {
            var comment = "\(e.events) event" + (e.events == 1 ? "" : "s")
            if let p = e.position {
                let hundredths = Int((p * 100).rounded())
                comment += ", position \(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
            }
            out += "  - match: \(Self.quoted(e.activity))  # \(comment)\n"
            if let c = e.channel { out += "    channel: \(Self.quoted(c))\n" }
            if let t = e.touchpoint { out += "    touchpoint: \(Self.quoted(t))\n" }
            out += "    stage: \(Self.quoted(e.stage))\n"
        }
        out += "unassigned:\n"
        out += "  names: \(Self.names(template.unassigned.names))\n"
        out += "  color: \(Self.quoted(template.unassigned.color))\n"
        return out
    }

    /// `{en: "…", th: "…"}`, languages sorted.
    static func names(_ text: LocalizedText) -> String {
        "{" + text.values.keys.sorted().map { "\($0): \(quoted(text.values[$0]!))" }.joined(separator: ", ") + "}"
    }

    /// A YAML double-quoted scalar: `\`, `"` and control characters escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7f || (0x80...0x9f).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 || u.value == 0xfeff {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
