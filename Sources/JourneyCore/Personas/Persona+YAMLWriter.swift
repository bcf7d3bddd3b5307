import Yams

extension Persona {
    /// YAML text for this persona that `Persona.parse(yaml:file:)` reads back equal
    /// (`--write-yaml`). Empty lists and absent fields are left out.
    public func yaml() throws -> String {
        try Persona.serialize(node())
    }

    /// YAML text for several personas under `personas:` (one persona: the plain form), read back
    /// equal by `Persona.parseAll(yaml:file:)`.
    /// `factNotes[i]`: comment lines put under the `facts:` key of `personas[i]` (for facts
    /// withheld under `--min-people`); none when empty.
    public static func yaml(_ personas: [Persona], header: String? = nil, factNotes: [[String]] = []) throws -> String {
        let body: Node = personas.count == 1 ? try personas[0].node()
            : .mapping(Node.Mapping([(key("personas"), .sequence(Node.Sequence(try personas.map { try $0.node() })))]))
        let comment = header.map { $0.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "# " + $0 }.joined(separator: "\n") + "\n" } ?? ""
        let text = try serialize(body)
        guard factNotes.contains(where: { !$0.isEmpty }) else { return comment + text }
        // The n-th `facts:` key line is the n-th persona with facts (a key on its own line; names
        // and other values are scalars, so no other line reads exactly so).
        var notes = personas.indices.filter { personas[$0].facts != nil }.map { $0 < factNotes.count ? factNotes[$0] : [] }.makeIterator()
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(String(line))
            let trimmed = line.drop { $0 == " " }
            guard trimmed == "facts:" || trimmed == "- facts:", let these = notes.next() else { continue }
            let indent = String(repeating: " ", count: line.count - trimmed.count + (trimmed.hasPrefix("- ") ? 4 : 2))
            lines += these.map { indent + "# " + $0 }
        }
        return comment + lines.joined(separator: "\n")
    }

    private static func serialize(_ node: Node) throws -> String {
        try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true)
    }

    // MARK: Nodes

    func node() throws -> Node {
        var pairs: [(Node, Node)] = [(Self.key("name"), Self.text(name))]
        if let role { pairs.append((Self.key("role"), Self.text(role))) }
        if let quote { pairs.append((Self.key("quote"), Self.text(quote))) }
        if let photo { pairs.append((Self.key("photo"), Self.string(photo))) }
        Self.appendList(&pairs, "goals", goals)
        Self.appendList(&pairs, "pain_points", painPoints)
        Self.appendList(&pairs, "motivations", motivations)
        Self.appendList(&pairs, "channels", channels)
        if !stages.isEmpty {
            pairs.append((Self.key("stages"), .sequence(Node.Sequence(stages.map(Self.stageNode)))))
        }
        if let facts { pairs.append((Self.key("facts"), Self.factsNode(facts))) }
        return .mapping(Node.Mapping(pairs))
    }

    private static func stageNode(_ s: PersonaStage) -> Node {
        var pairs: [(Node, Node)] = [(key("stage"), string(s.stage))]
        if let e = s.emotion { pairs.append((key("emotion"), number(e))) }
        if let n = s.notes { pairs.append((key("notes"), text(n))) }
        appendList(&pairs, "pain_points", s.painPoints)
        appendList(&pairs, "opportunities", s.opportunities)
        return .mapping(Node.Mapping(pairs))
    }

    private static func factsNode(_ f: PersonaFacts) -> Node {
        var pairs: [(Node, Node)] = [
            (key("journeys"), number(Double(f.journeys))), (key("share"), number(f.share)),
            (key("conversion_stage"), string(f.conversionStage)),
        ]
        // Withheld under --min-people: left out (read back as withheld).
        if !f.conversionRateWithheld { pairs.append((key("conversion_rate"), number(f.conversionRate))) }
        if let m = f.medianDurationSeconds { pairs.append((key("median_duration_seconds"), number(m))) }
        if let m = f.medianEvents { pairs.append((key("median_events"), number(m))) }
        if !f.topChannels.isEmpty {
            pairs.append((key("top_channels"), .sequence(Node.Sequence(f.topChannels.map {
                flow([("channel", string($0.channel)), ("share", number($0.share))])
            }))))
        }
        if let t = f.typicalPath {
            let steps = Node.sequence(Node.Sequence(t.steps.map {
                flow([("touchpoint", string($0.touchpoint)), ("stage", string($0.stage))]
                     + ($0.share.map { [("share", number($0))] } ?? []))
            }))
            pairs.append((key("typical_path"), .mapping(Node.Mapping([(key("journeys"), number(Double(t.journeys))),
                                                                      (key("steps"), steps)]))))
        }
        if let d = f.biggestDropOff {
            pairs.append((key("biggest_drop_off"), flow([
                ("from", string(d.from)), ("to", string(d.to)), ("journeys", number(Double(d.journeys))),
                ("share", number(d.share)),
            ])))
        }
        return .mapping(Node.Mapping(pairs))
    }

    // MARK: Scalars

    private static func key(_ k: String) -> Node { .scalar(Node.Scalar(k)) }

    /// A string, quoted when YAML would read it as something else (`yes`, `1.5`, `null`).
    private static func string(_ s: String) -> Node { .scalar(s.represented()) }

    /// Whole numbers without a decimal point; others in Swift's shortest round-tripping form.
    private static func number(_ v: Double) -> Node {
        let text = v.rounded() == v && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
        return .scalar(Node.Scalar(text))
    }

    /// A plain string when only English is given, else `{en: …, th: …}` (English first).
    private static func text(_ t: LocalizedText) -> Node {
        if t.values.count == 1, let en = t.values["en"] { return string(en) }
        if t.values.isEmpty { return string("") }
        let languages = t.values.keys.sorted { ($0 == "en" ? 0 : 1, $0) < ($1 == "en" ? 0 : 1, $1) }
        return flow(languages.map { ($0, string(t.values[$0] ?? "")) })
    }

    private static func flow(_ pairs: [(String, Node)]) -> Node {
        .mapping(Node.Mapping(pairs.map { (key($0.0), $0.1) }, .implicit, .flow))
    }

    private static func appendList(_ pairs: inout [(Node, Node)], _ name: String, _ items: [LocalizedText]) {
        guard !items.isEmpty else { return }
        pairs.append((key(name), .sequence(Node.Sequence(items.map(text)))))
    }
}
