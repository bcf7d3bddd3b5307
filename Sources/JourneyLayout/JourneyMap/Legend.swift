import JourneyCore

/// The key: what edge width, box shade, badges and channel stripes mean.
struct Legend {
    let style: MapStyle
    private var rows: [(swatch: Swatch, text: String, size: Size)] = []
    /// Custom rows were measured wrapped, so they are drawn wrapped.
    private var wraps = false
    let width: Double
    let height: Double

    enum Swatch {
        case thin(Double), thick(Double), shade, none, channels([(color: Color, name: String, width: Double)])
        /// From a decoration's legend.
        case line(Stroke), box(fill: Color, border: Stroke)
    }

    /// A decoration's legend: its rows in order, text wrapped at `maxWidth`.
    init(rows custom: [MapDecoration.LegendRow], style: MapStyle, maxWidth: Double, measurer: any TextMeasurer) {
        self.style = style
        wraps = true
        var w = 0.0, h = 0.0
        for row in custom {
            let swatch: Swatch
            switch row.swatch {
            case .none: swatch = .none
            case .line(let stroke): swatch = .line(stroke)
            case .box(let fill, let border): swatch = .box(fill: fill, border: border)
            }
            let indent = swatch.isNone ? 0 : style.base * style.legendIndentEm
            let s = measurer.measure(row.text, font: style.smallFont, maxWidth: maxWidth - indent)
            rows.append((swatch, row.text, s))
            w = max(w, s.width + indent)
            h += max(s.height, style.base * style.legendRowMinEm)
        }
        width = w.rounded(.up)
        height = h.rounded(.up)
    }

    /// `privacyNote`: the `--min-people` row ("numbers from fewer than 10 people hidden"), last.
    init(selection: MapSelection, channels: ChannelPalette, style: MapStyle, options: MapOptions, words: MapStrings, measurer: any TextMeasurer,
         privacyNote: String? = nil) {
        self.style = style
        let counts = selection.edges.map(\.count)
        var entries: [(Swatch, String)] = []
        if let lo = counts.min(), let hi = counts.max() {
            // One line when every flow drawn has the same size.
            if lo < hi { entries.append((.thin(EdgeDrawer.width(lo, max: hi)), words.moves(lo))) }
            entries.append((.thick(EdgeDrawer.width(hi, max: hi)), "\(words.moves(hi)) (\(words.widthNote))"))
        }
        entries.append((.shade, words.shadeNote))
        let label: String
        switch options.metric {
        case .count: label = words.countLabels
        case .share: label = words.shareLabels
        case .time: label = words.timeLabels
        }
        entries.append((.none, words.markers + "   ·   " + label))
        // Channels on one row: a stripe colour then the name, like the stripe on each box.
        var chips: [(color: Color, name: String, width: Double)] = []
        for name in channels.names {
            guard let color = channels.color(name) else { continue }
            let shown = name == JourneyGraph.Touchpoint.mixedChannel ? words.mixedChannels : name
            chips.append((color, shown, measurer.measure(shown, font: style.smallFont, maxWidth: nil).width))
        }
        if !chips.isEmpty { entries.append((.channels(chips), words.channels)) }
        if let privacyNote { entries.append((.none, privacyNote)) }
        var w = 0.0, h = 0.0
        for (swatch, text) in entries {
            let s = measurer.measure(text, font: style.smallFont, maxWidth: nil)
            rows.append((swatch, text, s))
            var rowWidth = s.width + style.base * style.legendIndentEm
            if case .channels(let chips) = swatch {
                rowWidth = s.width + chips.reduce(0) { $0 + $1.width + style.base * style.legendChipGapEm }
            }
            w = max(w, rowWidth)
            h += max(s.height, style.base * style.legendRowMinEm)
        }
        width = w.rounded(.up)
        height = h.rounded(.up)
    }

    func items(origin: Point) -> [SceneItem] {
        var out: [SceneItem] = []
        var y = origin.y
        let sw = style.base * style.legendSwatchEm
        for row in rows {
            let h = max(row.size.height, style.base * style.legendRowMinEm)
            let mid = y + h / 2
            switch row.swatch {
            case .thin(let w), .thick(let w):
                out.append(.path(PathItem(segments: [.move(Point(origin.x, mid)), .line(Point(origin.x + sw, mid))],
                                          stroke: Stroke(color: style.theme.edge, width: w))))
            case .line(var stroke):
                // Drawn as the edges it stands for are: raised to the edges' contrast (the diff
                // map's grey would otherwise be lighter in the key than on the map).
                stroke.color = stroke.color.visibleStroke(on: style.theme.background, minimum: EdgeDrawer.minimumContrast, toward: style.theme.text)
                out.append(.path(PathItem(segments: [.move(Point(origin.x, mid)), .line(Point(origin.x + sw, mid))], stroke: stroke)))
            case .box(let fill, let border):
                out.append(.rect(RectItem(frame: Rect(x: origin.x + sw * style.legendBoxInsetShare, y: mid - h * style.legendSwatchHeightShare / 2,
                                                       width: sw * style.legendBoxWidthShare, height: h * style.legendSwatchHeightShare),
                                          cornerRadius: style.base * style.legendSwatchCornerEm, fill: fill, stroke: border)))
            case .shade:
                let half = sw / 2
                out.append(.rect(RectItem(frame: Rect(x: origin.x, y: mid - h * style.legendSwatchHeightShare / 2, width: half, height: h * style.legendSwatchHeightShare),
                                          fill: style.theme.nodeFill.mixed(with: style.theme.edge, style.legendShadeLight), stroke: Stroke(color: style.theme.nodeBorder, width: style.legendSwatchBorderWidth))))
                out.append(.rect(RectItem(frame: Rect(x: origin.x + half, y: mid - h * style.legendSwatchHeightShare / 2, width: half, height: h * style.legendSwatchHeightShare),
                                          fill: style.theme.nodeFill.mixed(with: style.theme.edge, style.legendShadeDark), stroke: Stroke(color: style.theme.nodeBorder, width: style.legendSwatchBorderWidth))))
            case .channels(let chips):
                out.append(.text(TextItem(text: row.text, frame: Rect(x: origin.x, y: mid - row.size.height / 2, width: row.size.width.rounded(.up) + 1, height: row.size.height),
                                          font: style.smallFont, color: style.theme.mutedText)))
                var x = origin.x + row.size.width + style.base
                for chip in chips {
                    out.append(.rect(RectItem(frame: Rect(x: x, y: mid - h * style.legendSwatchHeightShare / 2, width: style.base * style.legendChipEm, height: h * style.legendSwatchHeightShare), fill: chip.color)))
                    x += style.base * style.legendChipTextEm
                    let tw = chip.width.rounded(.up) + 1
                    out.append(.text(TextItem(text: chip.name, frame: Rect(x: x, y: mid - row.size.height / 2, width: tw, height: row.size.height),
                                              font: style.smallFont, color: style.theme.mutedText)))
                    x += tw + style.base * style.legendChipAfterEm
                }
                y += h
                continue
            case .none:
                break
            }
            let x = row.swatch.isNone ? origin.x : origin.x + sw + style.base
            out.append(.text(TextItem(text: row.text, frame: Rect(x: x, y: mid - row.size.height / 2, width: row.size.width.rounded(.up) + 1, height: row.size.height),
                                      font: style.smallFont, color: style.theme.mutedText, wrap: wraps)))
            y += h
        }
        return out
    }
}

extension Legend.Swatch {
    var isNone: Bool { if case .none = self { return true } else { return false } }
}
