import JourneyCore
import JourneyScene
import JourneyLayout

extension InteractiveData {
    /// A Sankey page's numbers: every node (id as the SVG's `data-id`, its value and the share
    /// its label prints) and every link with the names of its ends and its share of the source.
    public static func sankey(_ flows: SankeyFlows, language: String) -> InteractiveData {
        func name(_ n: SankeyFlows.Node) -> String { n.touchpoint ?? n.kind.rawValue }
        var data = InteractiveData(kind: "sankey", language: language, journeys: flows.journeys)
        data.unit = flows.options.countBy.rawValue
        data.nodes = flows.nodes.map {
            SankeyNode(id: SankeySceneBuilder.nodeID($0.id), name: name($0), kind: $0.kind.rawValue, column: $0.column,
                       value: $0.value, share: flows.share(of: $0))
        }
        data.links = flows.links.map { l in
            let source = flows.node(l.source), target = flows.node(l.target)
            return SankeyLink(from: SankeySceneBuilder.nodeID(l.source), to: SankeySceneBuilder.nodeID(l.target),
                              fromName: name(source), toName: name(target), value: l.value,
                              share: source.value == 0 ? 0 : Double(l.value) / Double(source.value), kind: l.kind.rawValue)
        }
        return data
    }

    /// A persona page's numbers: each card's name and role (in `language`), the facts of a
    /// segment found in a log (journeys, share, conversion, median duration, channels, typical
    /// path) and the emotion of each stage.
    public static func personas(_ personas: [Persona], language: String) -> InteractiveData {
        var data = InteractiveData(kind: "persona", language: language)
        data.personas = personas.map { p in
            let f = p.facts
            return PersonaCard(name: p.name.text(language), role: p.role?.text(language), journeys: f?.journeys, share: f?.share,
                               conversionStage: f?.conversionStage, conversionRate: f?.conversionRateWithheld == true ? nil : f?.conversionRate,
                               medianDurationSeconds: f?.medianDurationSeconds,
                               topChannels: f.map { $0.topChannels.map { Step(name: $0.channel, count: 0, share: $0.share) } },
                               typicalPath: f?.typicalPath.map { $0.steps.map(\.touchpoint) },
                               stages: p.stages.map { PersonaStageMood(stage: $0.stage, emotion: $0.emotion) })
        }
        return data
    }

    /// A comparison page's numbers: every stage, touchpoint and transition change with both
    /// sides' counts, the change in shares, p, q and status (as the Markdown and JSON reports).
    public static func comparison(_ c: JourneyComparison, language: String) -> InteractiveData {
        var data = InteractiveData(kind: "compare", language: language, journeys: c.before.journeys + c.after.journeys)
        func change(_ kind: String, name: String?, from: String?, to: String?, _ ch: ProportionChange) -> Change {
            Change(kind: kind, name: name, from: from, to: to, beforeCount: ch.before.count, beforeTotal: ch.before.total,
                   afterCount: ch.after.count, afterTotal: ch.after.total, absoluteChange: ch.absoluteChange,
                   p: ch.p, q: ch.q, status: ch.status.rawValue)
        }
        data.changes = c.stages.map { change("stage", name: $0.id, from: nil, to: nil, $0.change) }
            + c.touchpoints.map { change("touchpoint", name: $0.name, from: nil, to: nil, $0.change) }
            + c.transitions.map { change("transition", name: nil, from: $0.from, to: $0.to, $0.change) }
        return data
    }
}
