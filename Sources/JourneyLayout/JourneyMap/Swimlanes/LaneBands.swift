import JourneyCore

/// The swimlanes drawn: a band per lane across the map, tinted alternately, and the lane's
/// name in a label column on the left, with the attribute's name above it in the header row.
struct LaneBands {
    let lanes: Swimlanes
    let style: MapStyle
    let measurer: any TextMeasurer
    let heading: String
    /// Width of the label column (without the gap to the first stage column).
    let labelWidth: Double
    /// The tallest label, for the least lane height.
    let labelHeight: Double

    init(lanes: Swimlanes, values: [String], language: String, style: MapStyle, measurer: any TextMeasurer) {
        self.lanes = lanes
        self.style = style
        self.measurer = measurer
        heading = lanes.attribute == "channel" && language.lowercased().hasPrefix("th") ? "ช่องทาง" : lanes.attribute
        let maxWidth = style.base * style.laneLabelMaxEm
        var w = measurer.measure(heading, font: style.statFont, maxWidth: maxWidth).width, h = 0.0
        for v in values {
            let s = measurer.measure(lanes.laneName(v), font: style.laneLabelFont, maxWidth: maxWidth)
            w = max(w, s.width)
            h = max(h, s.height)
        }
        labelWidth = (min(w, maxWidth) + 2 * style.nodePadding).rounded(.up)
        labelHeight = h + 2 * style.lanePadding
    }

    /// Room to leave left of the first column.
    var left: Double { labelWidth + style.laneLabelGap }

    /// Bands (under everything) from `x` to `x + width`, and the labels, moved by `offset`.
    func items(bands: [LanePlacement.Band], offset: Point, width: Double) -> [SceneItem] {
        var out: [SceneItem] = []
        for (k, band) in bands.enumerated() {
            let frame = Rect(x: offset.x, y: offset.y + band.minY, width: width, height: band.maxY - band.minY)
            let fill = k % 2 == 0 ? style.theme.text.withAlpha(style.laneTintAlpha) : nil
            let tag = SceneTag(.swimlane, band.lane, name: lanes.laneName(band.lane), lane: band.lane)
            out.append(.rect(RectItem(frame: frame, cornerRadius: 0, fill: fill, tag: tag)))
        }
        for band in bands {
            let text = lanes.laneName(band.lane)
            let s = measurer.measure(text, font: style.laneLabelFont, maxWidth: labelWidth - 2 * style.nodePadding)
            let frame = Rect(x: offset.x + style.nodePadding, y: offset.y + (band.minY + band.maxY) / 2 - s.height / 2,
                             width: labelWidth - 2 * style.nodePadding, height: s.height)
            out.append(.text(TextItem(text: text, frame: frame, font: style.laneLabelFont, color: style.theme.text, wrap: true,
                                      tag: SceneTag(.swimlaneLabel, band.lane, lane: band.lane))))
        }
        return out
    }

    /// The attribute's name above the labels, level with the stage header band.
    func headingItem(origin: Point, height: Double) -> SceneItem {
        let s = measurer.measure(heading, font: style.statFont, maxWidth: labelWidth - 2 * style.nodePadding)
        return .text(TextItem(text: heading, frame: Rect(x: origin.x + style.nodePadding, y: origin.y + height - s.height - style.nodePadding,
                                                         width: labelWidth - 2 * style.nodePadding, height: s.height),
                              font: style.statFont, color: style.theme.mutedText, wrap: true,
                              tag: SceneTag(.swimlaneLabel, "heading", name: lanes.attribute)))
    }
}
