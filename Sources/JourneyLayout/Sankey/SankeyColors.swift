import JourneyCore

/// Fill colours of nodes and ribbons, and the legend that explains them.
struct SankeyColors {
    let flows: SankeyFlows
    let style: SankeyStyle
    let colorBy: SankeyLayoutOptions.ColorBy
    /// Channel (or touchpoint, for `.source`) → palette index, alphabetical.
    private let keys: [String]
    /// `.source` with more touchpoints than the palette has colours: each touchpoint its
    /// stage's hue, lighter or darker by its rank among the stage's touchpoints (so no two
    /// share a colour, where the palette would repeat), keys ordered by stage then name.
    private let shades: [String: Color]

    init(flows: SankeyFlows, style: SankeyStyle, colorBy: SankeyLayoutOptions.ColorBy) {
        self.flows = flows
        self.style = style
        self.colorBy = colorBy
        let touchpointNodes = flows.nodes.filter { $0.kind == .touchpoint }
        var keys: [String]
        switch colorBy {
        case .stage: keys = []
        case .channel: keys = Array(Set(touchpointNodes.compactMap(\.channel))).sorted()
        case .source: keys = Array(Set(touchpointNodes.compactMap(\.touchpoint))).sorted()
        }
        var shades: [String: Color] = [:]
        if colorBy == .source && keys.count > style.palette.count {
            var stageOf: [String: Int] = [:]
            for n in touchpointNodes { if let t = n.touchpoint, let s = n.stageIndex { stageOf[t] = s } }
            let byStage = Dictionary(grouping: keys) { stageOf[$0] ?? Int.max }
            keys = []
            for (s, names) in byStage.sorted(by: { $0.key < $1.key }) {
                let base = s == Int.max ? style.neutral : Self.stageColor(s, flows: flows, style: style)
                for (rank, name) in names.enumerated() {
                    // From 35 % darker to 45 % lighter across the stage's touchpoints.
                    let t = names.count == 1 ? 0 : -0.35 + 0.8 * Double(rank) / Double(names.count - 1)
                    shades[name] = t < 0 ? base.mixed(with: .black, -t) : base.mixed(with: .white, t)
                    keys.append(name)
                }
            }
        }
        self.keys = keys
        self.shades = shades
    }

    func stage(_ index: Int) -> Color { Self.stageColor(index, flows: flows, style: style) }

    private static func stageColor(_ index: Int, flows: SankeyFlows, style: SankeyStyle) -> Color {
        if !style.stagePalette.isEmpty { return style.stagePalette[index % style.stagePalette.count] }
        return Color(hex: flows.stages[index].color) ?? style.neutral
    }

    private func keyed(_ key: String?) -> Color {
        if let key, let shade = shades[key] { return shade }
        guard let key, let i = keys.firstIndex(of: key), !style.palette.isEmpty else { return style.neutral }
        return style.palette[i % style.palette.count]
    }

    var startColor: Color { style.neutral.mixed(with: style.background, 0.45) }

    /// Opaque fill of a node.
    func node(_ id: Int) -> Color {
        let n = flows.nodes[id]
        switch n.kind {
        case .dropOff: return style.dropOff
        case .other, .skipped: return style.neutral
        case .start: return startColor
        case .touchpoint:
            switch colorBy {
            case .stage: return n.stageIndex.map(stage) ?? style.neutral
            case .channel: return keyed(n.channel)
            case .source: return keyed(n.touchpoint)
            }
        }
    }

    /// Ribbon fill (with the style's alpha): its source's colour, or its target's when the
    /// source is not a touchpoint; drop-off ribbons in the drop-off colour, fainter.
    func ribbon(_ link: SankeyFlows.Link) -> Color {
        if link.kind == .dropOff { return style.dropOff.withAlpha(style.ribbonAlpha * 0.6) }
        let s = flows.nodes[link.source], t = flows.nodes[link.target]
        let id = s.kind == .touchpoint ? s.id : t.kind == .touchpoint ? t.id : s.id
        return node(id).withAlpha(style.ribbonAlpha)
    }

    /// `.none`: a line of text alone (the `--min-people` note).
    enum Mark: Equatable { case swatch(Color), outlined(Color), dashedLine(Color), none }

    /// Legend entries: the colour key, then the special nodes and arcs present.
    func legend(_ strings: SankeyStrings, language: String) -> [(Mark, String)] {
        var out: [(Mark, String)] = []
        let touchpointNodes = flows.nodes.filter { $0.kind == .touchpoint }
        switch colorBy {
        case .stage:
            let used = Set(touchpointNodes.compactMap(\.stageIndex))
            for i in flows.stages.indices where used.contains(i) {
                out.append((.swatch(stage(i)), flows.stages[i].names.text(language)))
            }
        case .channel:
            for k in keys { out.append((.swatch(keyed(k)), k)) }
            if touchpointNodes.contains(where: { $0.channel == nil }) { out.append((.swatch(style.neutral), strings.noChannel)) }
        case .source:
            // Every drawn touchpoint has its own colour: list them (a column holds top-K of them).
            let shown = 24
            for k in keys.prefix(shown) { out.append((.swatch(keyed(k)), k)) }
            if keys.count > shown { out.append((.swatch(style.neutral), "+\(keys.count - shown)")) }
        }
        let kinds = Set(flows.nodes.map(\.kind))
        if kinds.contains(.other) { out.append((.swatch(style.neutral), strings.otherName)) }
        if kinds.contains(.skipped) { out.append((.outlined(style.neutral), strings.skipped)) }
        if kinds.contains(.start) { out.append((.swatch(startColor), strings.start)) }
        if kinds.contains(.dropOff) { out.append((.swatch(style.dropOff), strings.dropOff)) }
        if flows.links.contains(where: { $0.kind == .returnArc }) { out.append((.dashedLine(style.returnArc), strings.returnArc)) }
        if let p = flows.privacy { out.append((.none, p.note(thai: strings.thai))) }
        return out
    }
}
