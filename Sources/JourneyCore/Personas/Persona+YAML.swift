import Foundation

extension Persona {
    /// Reads one or several personas from YAML text. Errors (`TemplateError`) name the file,
    /// line and key; unknown keys and emotions outside −2…+2 are rejected.
    ///
    /// A file holds one persona, or several under `personas:`. Text is a plain string
    /// (English) or `{en: …, th: …}`; lists also accept a single item.
    /// ```yaml
    /// name: {en: Nok, th: นก}
    /// role: {en: Office worker, 29, th: พนักงานออฟฟิศ อายุ 29}
    /// quote: {en: "I compare prices before I buy.", th: "ฉันเปรียบเทียบราคาก่อนซื้อเสมอ"}
    /// photo: photos/nok.jpg            # optional; cards draw initials without it
    /// goals: [Find the best price, {en: Fast delivery, th: ส่งของเร็ว}]
    /// pain_points: [Hidden shipping costs]
    /// motivations: [Saving money]
    /// channels: [mobile app, LINE]     # preferred, most preferred first
    /// stages:                          # stage ids from the journey template
    ///   - stage: consideration
    ///     emotion: -1                  # −2 … +2
    ///     notes: Reads reviews on the bus
    ///     pain_points: [Too many similar products]
    ///     opportunities: [Comparison table]
    /// facts: …                         # written by `journeymap persona LOG --write-yaml`
    /// ```
    public static func parseAll(yaml text: String, file: String) throws -> [Persona] {
        let root = try YAMLValue.parse(text, file: file)
        if try root.optional("personas") != nil {
            try root.checkKeys(["personas"])
            let nodes = try root.required("personas").list()
            guard !nodes.isEmpty else { throw try root.required("personas").error("expected at least one persona") }
            return try nodes.map(persona)
        }
        return [try persona(root)]
    }

    /// Reads a file that must hold exactly one persona.
    public static func parse(yaml text: String, file: String) throws -> Persona {
        let all = try parseAll(yaml: text, file: file)
        guard all.count == 1 else {
            throw TemplateError(file: file, line: nil, key: "personas",
                                message: "expected one persona, found \(all.count); pass a file with a single persona")
        }
        return all[0]
    }

    /// Loads every persona of a file.
    public static func loadAll(path: String) throws -> [Persona] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TemplateError(file: path, line: nil, key: nil, message: "cannot read the persona file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TemplateError(file: path, line: nil, key: nil, message: "not UTF-8 text")
        }
        return try parseAll(yaml: text, file: path)
    }

    // MARK: Nodes

    private static func persona(_ node: YAMLValue) throws -> Persona {
        try node.checkKeys(["name", "role", "quote", "photo", "goals", "pain_points", "motivations", "channels",
                            "stages", "facts"])
        var p = Persona(name: try node.required("name").localized())
        p.role = try node.optional("role")?.localized()
        p.quote = try node.optional("quote")?.localized()
        p.photo = try node.optional("photo")?.string()
        p.goals = try localizedList(node.optional("goals"))
        p.painPoints = try localizedList(node.optional("pain_points"))
        p.motivations = try localizedList(node.optional("motivations"))
        p.channels = try localizedList(node.optional("channels"))
        var seen: Set<String> = []
        for s in try node.optional("stages")?.list() ?? [] {
            let stage = try personaStage(s)
            guard seen.insert(stage.stage).inserted else {
                throw try s.required("stage").error("stage \"\(stage.stage)\" is listed twice; merge its entries")
            }
            p.stages.append(stage)
        }
        p.facts = try node.optional("facts").map(facts)
        return p
    }

    private static func personaStage(_ node: YAMLValue) throws -> PersonaStage {
        try node.checkKeys(["stage", "emotion", "notes", "pain_points", "opportunities"])
        var s = PersonaStage(stage: try node.required("stage").string())
        if let e = try node.optional("emotion") {
            let v = try e.double()
            guard PersonaStage.emotionRange.contains(v) else {
                throw e.error("emotion must be between -2 (very negative) and +2 (very positive), found \(try e.string())")
            }
            s.emotion = v
        }
        s.notes = try node.optional("notes")?.localized()
        s.painPoints = try localizedList(node.optional("pain_points"))
        s.opportunities = try localizedList(node.optional("opportunities"))
        return s
    }

    private static func facts(_ node: YAMLValue) throws -> PersonaFacts {
        try node.checkKeys(["journeys", "share", "conversion_stage", "conversion_rate", "median_duration_seconds", "median_events",
                            "top_channels", "typical_path", "biggest_drop_off"])
        var channels: [PersonaFacts.ChannelShare] = []
        for c in try node.optional("top_channels")?.list() ?? [] {
            try c.checkKeys(["channel", "share"])
            channels.append(.init(channel: try c.required("channel").string(), share: try fraction(c.required("share"))))
        }
        var path: PersonaFacts.TypicalPath?
        if let t = try node.optional("typical_path") {
            try t.checkKeys(["journeys", "steps"])
            let steps = try t.required("steps").list().map { s in
                try s.checkKeys(["touchpoint", "stage", "share"])
                return PersonaFacts.TypicalPath.Step(touchpoint: try s.required("touchpoint").string(),
                                                     stage: try s.required("stage").string(),
                                                     share: try s.optional("share").map(fraction))
            }
            path = .init(steps: steps, journeys: try count(t.required("journeys")))
        }
        var drop: PersonaFacts.DropOff?
        if let d = try node.optional("biggest_drop_off") {
            try d.checkKeys(["from", "to", "journeys", "share"])
            drop = .init(from: try d.required("from").string(), to: try d.required("to").string(),
                         journeys: try count(d.required("journeys")), share: try fraction(d.required("share")))
        }
        // No conversion_rate: withheld (`persona --write-yaml --min-people`), drawn as "–".
        let rate = try node.optional("conversion_rate").map(fraction)
        var facts = PersonaFacts(journeys: try count(node.required("journeys")), share: try fraction(node.required("share")),
                                 conversionStage: try node.optional("conversion_stage")?.string() ?? "decision",
                                 conversionRate: rate ?? 0,
                                 medianDurationSeconds: try node.optional("median_duration_seconds")?.double(),
                                 topChannels: channels, typicalPath: path, biggestDropOff: drop,
                                 medianEvents: try node.optional("median_events")?.double())
        facts.conversionRateWithheld = rate == nil
        return facts
    }

    /// A list of texts; a single text is a list of one.
    private static func localizedList(_ node: YAMLValue?) throws -> [LocalizedText] {
        guard let node else { return [] }
        if case .sequence = node.node { return try node.list().map { try $0.localized() } }
        return [try node.localized()]
    }

    private static func fraction(_ node: YAMLValue) throws -> Double {
        let v = try node.double()
        guard (0...1).contains(v) else { throw node.error("expected a share between 0 and 1, found \(v)") }
        return v
    }

    private static func count(_ node: YAMLValue) throws -> Int {
        let v = try node.int()
        guard v >= 0 else { throw node.error("expected a count of 0 or more, found \(v)") }
        return v
    }
}
