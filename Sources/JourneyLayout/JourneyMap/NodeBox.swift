import JourneyCore

/// One touchpoint box: its name, its volume, and start / end / repeat badges, measured so
/// Graphviz can be told the exact size.
struct NodeBox {
    let name: String
    let stage: String
    let channel: String?
    let size: Size
    private let lines: [(text: String, font: FontSpec, muted: Bool, height: Double)]
    private let style: MapStyle
    private let measurer: any TextMeasurer
    /// 0…1: events relative to the busiest touchpoint, for the box shade.
    let volume: Double
    /// The whole name and the box's numbers on one line (the SVG `<title>` tooltip).
    let info: String

    /// `label`: the name as the box shows it (`distinctLabels`). `alternatives`: the decorated
    /// contents this box will also be drawn with; the box is sized for the largest, so every
    /// decoration fits the one layout.
    init(touchpoint t: JourneyGraph.Touchpoint, graph: JourneyGraph, selfLoops: Int, style: MapStyle, words: MapStrings,
         label: String, minWidth: Double, measurer: any TextMeasurer,
         alternatives: [MapDecoration.NodeStyle] = [], compact: Bool = false) {
        name = t.name
        stage = t.stage
        channel = t.channel
        self.style = style
        self.measurer = measurer
        let busiest = graph.touchpoints.map(\.events).max() ?? 1
        volume = Double(t.events) / Double(max(1, busiest))
        let share = graph.journeys == 0 ? 0 : Double(t.journeys) / Double(graph.journeys)
        var content: [(String, FontSpec, Bool)] = [(label, style.nameFont, false)]
        let shareText = "\(formatPercent(share)) \(words.ofJourneys)"
        if compact {
            content += [(words.events(t.events), style.statFont, true), (shareText, style.statFont, true)]
        } else {
            content.append(("\(words.events(t.events)) · \(shareText)", style.statFont, true))
        }
        // No channel has 60 % of the events: the mix, not one name, says where they came from.
        if t.channel == JourneyGraph.Touchpoint.mixedChannel {
            let mix = t.channelMix(limit: 3).map { "\(ellipsized($0.name, max: style.channelMixNameCharacters)) \(formatPercent($0.share))" }
            content.append((mix.joined(separator: " · "), style.smallFont, true))
        }
        var badges: [String] = []
        if t.starts > 0 { badges.append("▶ \(formatCount(t.starts))") }
        if t.ends > 0 { badges.append("■ \(formatCount(t.ends))") }
        if selfLoops > 0 { badges.append("↻ \(formatCount(selfLoops))") }
        if !badges.isEmpty { content.append((badges.joined(separator: "   "), style.smallFont, true)) }
        var measured: [(String, FontSpec, Bool, Double)] = []
        var width = style.base * style.nodeMinWidthEm
        for (text, font, muted) in content {
            let s = measurer.measure(text, font: font, maxWidth: style.nodeTextWidth)
            width = max(width, s.width)
            measured.append((text, font, muted, s.height))
        }
        lines = measured.map { (text: $0.0, font: $0.1, muted: $0.2, height: $0.3) }
        info = ([t.name] + content.dropFirst().map(\.0)).joined(separator: " · ")
        var height = lines.reduce(0) { $0 + $1.height }
        for alt in alternatives {
            var h = lines[0].height
            for line in alt.lines {
                let s = measurer.measure(line.text, font: Self.font(line, style), maxWidth: style.nodeTextWidth)
                width = max(width, s.width)
                h += s.height
            }
            height = max(height, h)
        }
        let stripe = t.channel == nil ? 0 : style.base * style.channelStripeEm
        size = Size(width: max(minWidth, width + 2 * style.nodePadding + stripe).rounded(.up),
                    height: (height + 2 * style.nodePadding).rounded(.up))
    }

    static func font(_ line: MapDecoration.Line, _ style: MapStyle) -> FontSpec {
        var f = style.statFont
        f.bold = line.bold
        return f
    }

    /// The box, its channel stripe and its text; `decoration` replaces the lines under the name,
    /// the fill and the border.
    func items(in frame: Rect, channelColor: Color?, stageColor: Color, decoration: MapDecoration.NodeStyle? = nil) -> [SceneItem] {
        let theme = style.theme
        let fill = decoration?.fill?.composited(over: theme.background) ?? theme.nodeFill.mixed(with: stageColor, style.shadeFloor + style.shadeRange * volume)
        var out: [SceneItem] = [.rect(RectItem(frame: frame, cornerRadius: style.base * style.nodeCornerEm, fill: fill,
                                               stroke: decoration?.border ?? Stroke(color: theme.nodeBorder, width: style.nodeBorderWidth)))]
        var textX = frame.minX + style.nodePadding
        if let channelColor {
            let w = style.base * style.channelStripeEm
            out.append(.rect(RectItem(frame: Rect(x: frame.minX, y: frame.minY, width: w, height: frame.height),
                                      cornerRadius: 0, fill: channelColor)))
            textX += w
        }
        let ink = theme.readableText(on: fill)
        let muted = theme.mutedText.contrastRatio(with: fill) >= style.mutedTextMinimumContrast ? theme.mutedText : ink
        var y = frame.minY + style.nodePadding
        let textWidth = frame.maxX - style.nodePadding - textX
        if let decoration {
            let name = lines[0]
            out.append(.text(TextItem(text: name.text, frame: Rect(x: textX, y: y, width: textWidth, height: name.height),
                                      font: name.font, color: ink, wrap: true)))
            y += name.height
            for line in decoration.lines {
                let font = Self.font(line, style)
                let h = measurer.measure(line.text, font: font, maxWidth: style.nodeTextWidth).height
                let color = line.color.map { $0.readable(on: fill, toward: ink) } ?? muted
                out.append(.text(TextItem(text: line.text, frame: Rect(x: textX, y: y, width: textWidth, height: h),
                                          font: font, color: color, wrap: true)))
                y += h
            }
            return out
        }
        for line in lines {
            out.append(.text(TextItem(text: line.text, frame: Rect(x: textX, y: y, width: textWidth, height: line.height),
                                      font: line.font, color: line.muted ? muted : ink, wrap: true)))
            y += line.height
        }
        return out
    }
}
