import JourneyCore

/// The two-line label beside each node: its name (bold) and "count · share".
///
/// Names are cut with "…" to at most `maxCharacters` characters and `maxWidth` points, by
/// whole characters (grapheme clusters), so Thai vowels and tone marks are never split from
/// their consonant.
struct SankeyNodeLabels {
    struct Label {
        var name: String
        var numbers: String
        var nameSize: Size
        var numbersSize: Size
        var size: Size { Size(width: max(nameSize.width, numbersSize.width), height: nameSize.height + numbersSize.height) }
    }

    let labels: [Label]
    /// The tallest label: nodes are at least this tall minus the padding, so labels never overlap.
    let height: Double

    init(flows: SankeyFlows, strings: SankeyStrings, nameFont: FontSpec, numberFont: FontSpec,
         maxWidth: Double, maxCharacters: Int, numberLines: [String]? = nil, measurer: any TextMeasurer) {
        labels = flows.nodes.map { node in
            let raw: String
            switch node.kind {
            case .touchpoint: raw = node.touchpoint ?? ""
            case .other: raw = strings.other(node)
            case .dropOff: raw = strings.dropOff
            case .start: raw = strings.start
            case .skipped: raw = strings.skipped
            }
            let name = Self.fit(raw, font: nameFont, maxWidth: maxWidth, maxCharacters: maxCharacters, measurer: measurer)
            let numbers = numberLines?[node.id] ?? "\(SankeyFormat.count(node.value)) · \(SankeyFormat.percent(flows.share(of: node)))"
            return Label(name: name, numbers: numbers, nameSize: measurer.measure(name, font: nameFont, maxWidth: nil),
                         numbersSize: measurer.measure(numbers, font: numberFont, maxWidth: nil))
        }
        height = labels.map(\.size.height).max() ?? 0
    }

    /// `text` cut with "…" until it has at most `maxCharacters` characters and fits `maxWidth`.
    /// - Complexity: O(log n) measurements for n characters (bisection on the kept prefix).
    static func fit(_ text: String, font: FontSpec, maxWidth: Double, maxCharacters: Int,
                    measurer: any TextMeasurer) -> String {
        let characters = Array(text)
        func cut(_ n: Int) -> String { n >= characters.count ? text : String(characters.prefix(n)) + "…" }
        func fits(_ n: Int) -> Bool { measurer.measure(cut(n), font: font, maxWidth: nil).width <= maxWidth }
        let limit = max(1, maxCharacters)
        var best = characters.count <= limit ? characters.count : limit - 1
        if best == characters.count, fits(best) { return text }
        best = min(best, characters.count - 1)
        var lo = 1, hi = best
        guard fits(lo) else { return cut(lo) }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if fits(mid) { lo = mid } else { hi = mid - 1 }
        }
        return cut(lo)
    }
}
