import JourneyCore

/// The map's title and a subtitle with the size of the data.
struct TitleBlock {
    let text: String
    var subtitle: String
    let style: MapStyle
    let titleSize: Size
    var subtitleSize: Size

    init(graph: JourneyGraph, options: MapOptions, language: String, style: MapStyle, measurer: any TextMeasurer) {
        self.style = style
        let name = graph.source.templateNames.text(language)
        let files = FileNames.shown(graph.source.files)
        text = options.title ?? (files.isEmpty ? name : "\(name) — \(files)")
        let words = MapStrings.forLanguage(language)
        var sub = "\(words.journeys(graph.journeys)) · \(words.events(graph.events))"
        if let a = graph.firstTimestamp, let b = graph.lastTimestamp {
            sub += " · \(formatISO8601(a).prefix(10)) \(words.to) \(formatISO8601(b).prefix(10))"
        }
        subtitle = sub
        titleSize = measurer.measure(text, font: style.titleFont, maxWidth: nil)
        subtitleSize = measurer.measure(subtitle, font: style.subtitleFont, maxWidth: nil)
    }

    /// The same title over another subtitle.
    func replacingSubtitle(_ text: String, measurer: any TextMeasurer) -> TitleBlock {
        var copy = self
        copy.subtitle = text
        copy.subtitleSize = measurer.measure(text, font: style.subtitleFont, maxWidth: nil)
        return copy
    }

    var height: Double { (titleSize.height + subtitleSize.height).rounded(.up) }
    var width: Double { max(titleSize.width, subtitleSize.width).rounded(.up) }

    func items(origin: Point) -> [SceneItem] {
        [.text(TextItem(text: text, frame: Rect(x: origin.x, y: origin.y, width: titleSize.width.rounded(.up) + 1, height: titleSize.height),
                        font: style.titleFont, color: style.theme.text)),
         .text(TextItem(text: subtitle, frame: Rect(x: origin.x, y: origin.y + titleSize.height, width: subtitleSize.width.rounded(.up) + 1,
                                                   height: subtitleSize.height),
                        font: style.subtitleFont, color: style.theme.mutedText))]
    }
}
