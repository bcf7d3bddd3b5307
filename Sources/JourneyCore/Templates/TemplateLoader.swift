import Foundation

extension JourneyTemplate {
    /// Loads a journey template from YAML text. Errors name the file, line and key.
    ///
    /// ```yaml
    /// id: retail
    /// names: {en: Retail journey, th: เส้นทางลูกค้าค้าปลีก}
    /// language: en
    /// stages:
    ///   - id: awareness
    ///     names: {en: Awareness, th: การทำความรู้จัก}
    ///     color: "#4e79a7"            # optional: else the next free palette colour
    /// touchpoints:            # first match wins
    ///   - match: ad_impression          # exact name (or a list of names)
    ///     stage: awareness
    ///   - glob: "*_view"                # * ? [set], whole name
    ///     stage: consideration
    ///   - regex: "^(cart|checkout)$"    # linear-time subset (LinearRegex), whole name
    ///     channel: web                  # only events on this channel
    ///     touchpoint: Checkout          # rename the touchpoint
    ///     stage: decision
    /// unassigned: {names: {en: Unassigned, th: ไม่ได้จัดกลุ่ม}, color: "#9e9e9e"}
    /// inferred: true                    # stages came from the data (`template suggest`): pictures say so
    /// ```
    public static func parse(yaml text: String, file: String) throws -> JourneyTemplate {
        let root = try YAMLValue.parse(text, file: file)
        try root.checkKeys(["id", "names", "language", "stages", "touchpoints", "unassigned", "inferred"])
        let id = try root.required("id").string()
        let names = try root.optional("names")?.localized() ?? LocalizedText(["en": id])
        let language = try root.optional("language")?.string() ?? "en"

        let stageNodes = try root.required("stages").list()
        guard !stageNodes.isEmpty else { throw try root.required("stages").error("expected at least one stage") }
        var stages: [StageDefinition] = []
        var givenColors: [String?] = []
        for node in stageNodes {
            try node.checkKeys(["id", "names", "color"])
            let color = try node.optional("color")?.color()
            givenColors.append(color)
            let stage = StageDefinition(id: try node.required("id").string(),
                                        names: try node.required("names").localized(),
                                        color: color ?? "")
            if stages.contains(where: { $0.id == stage.id }) || stage.id == StageDefinition.unassigned.id {
                throw try node.required("id").error("stage id \"\(stage.id)\" is used twice (or is the reserved \"unassigned\")")
            }
            stages.append(stage)
        }
        // A stage without `color` takes the next palette colour no other stage uses.
        for (i, color) in StagePalette.fill(givenColors).enumerated() { stages[i].color = color }
        let stageIDs = Set(stages.map(\.id))

        var rules: [TouchpointRule] = []
        for node in try root.optional("touchpoints")?.list() ?? [] {
            try node.checkKeys(["match", "glob", "regex", "channel", "touchpoint", "stage"])
            let stageNode = try node.required("stage")
            let stage = try stageNode.string()
            guard stageIDs.contains(stage) else {
                throw stageNode.error("unknown stage \"\(stage)\"; expected one of: \(stages.map(\.id).joined(separator: ", "))")
            }
            let channel = try node.optional("channel")?.string()
            let touchpoint = try node.optional("touchpoint")?.string()
            let source = "\(file):\(node.line ?? 0)"
            var patterns: [TouchpointRule.Pattern] = []
            if let m = try node.optional("match") { patterns += try m.strings().map { .exact($0) } }
            if let g = try node.optional("glob") { patterns += try g.strings().map { .glob($0) } }
            if let r = try node.optional("regex") { patterns += try r.strings().map { .regex($0) } }
            guard !patterns.isEmpty else { throw node.error("a touchpoint rule needs one of match, glob or regex") }
            for pattern in patterns {
                do {
                    rules.append(try TouchpointRule(pattern: pattern, channel: channel, touchpoint: touchpoint,
                                                    stage: stage, source: source))
                } catch {
                    throw try (node.optional("regex") ?? node).error("pattern does not compile: \(error)")
                }
            }
        }

        var unassigned = StageDefinition.unassigned
        if let u = try root.optional("unassigned") {
            try u.checkKeys(["names", "color"])
            if let n = try u.optional("names") { unassigned.names = try n.localized() }
            if let c = try u.optional("color") { unassigned.color = try c.color() }
        }
        var template = JourneyTemplate(id: id, names: names, defaultLanguage: language, stages: stages,
                                       rules: rules, unassigned: unassigned)
        template.stagesInferred = try root.optional("inferred")?.bool() ?? false
        return template
    }

    /// Loads a template file.
    public static func load(path: String) throws -> JourneyTemplate {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TemplateError(file: path, line: nil, key: nil, message: "cannot read the template file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TemplateError(file: path, line: nil, key: nil, message: "not UTF-8 text")
        }
        return try parse(yaml: text, file: path)
    }

    /// The built-in six-stage customer journey (same text as `templates/default.yaml`).
    public static func builtinDefault() -> JourneyTemplate {
        // The built-in text is tested to parse; a failure here is a programming error.
        do { return try parse(yaml: BuiltinTemplates.defaultJourney, file: "templates/default.yaml") } catch {
            fatalError("built-in template does not parse: \(error)")
        }
    }
}
