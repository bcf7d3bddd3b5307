import JourneyCore

/// Lines of text stacked top to bottom, measured once, placed later.
struct SankeyTextBlock {
    struct Line {
        var text: String
        var font: FontSpec
        var color: Color
    }

    private(set) var items: [TextItem] = []
    private(set) var width = 0.0
    private(set) var height = 0.0

    /// - Parameter wrapWidth: lines wrap at this width; nil keeps each on one line.
    init(_ lines: [Line], wrapWidth: Double?, alignment: TextAlignment = .left, measurer: any TextMeasurer) {
        for line in lines where !line.text.isEmpty {
            let size = measurer.measure(line.text, font: line.font, maxWidth: wrapWidth)
            let w = wrapWidth ?? size.width
            items.append(TextItem(text: line.text, frame: Rect(x: 0, y: height, width: w, height: size.height),
                                  font: line.font, color: line.color, alignment: alignment, wrap: wrapWidth != nil))
            width = max(width, size.width)
            height += size.height
        }
    }

    func placed(at origin: Point) -> [SceneItem] {
        items.map { var t = $0; t.frame.x += origin.x; t.frame.y += origin.y; return .text(t) }
    }

    /// Frames of the lines at `origin`, for overlap checks.
    func frames(at origin: Point) -> [Rect] {
        items.map { Rect(x: $0.frame.x + origin.x, y: $0.frame.y + origin.y, width: $0.frame.width, height: $0.frame.height) }
    }
}

/// The legend as flowing rows of mark + text, wrapped at a width.
struct SankeyLegendBlock {
    private var entries: [(mark: SankeyColors.Mark, text: String, size: Size, at: Point)] = []
    let height: Double
    let font: FontSpec
    let textColor: Color
    let background: Color
    let markWidth: Double
    let rowHeight: Double

    init(_ marks: [(SankeyColors.Mark, String)], width: Double, font: FontSpec, textColor: Color, background: Color,
         measurer: any TextMeasurer) {
        self.font = font
        self.textColor = textColor
        self.background = background
        markWidth = font.size * 1.6
        let gap = font.size * 0.5, spacing = font.size * 1.6
        var x = 0.0, y = 0.0, row = font.size * 1.3
        for (mark, text) in marks {
            let size = measurer.measure(text, font: font, maxWidth: nil)
            row = max(row, size.height)
            let w = (mark == .none ? 0 : markWidth + gap) + size.width
            if x > 0 && x + w > width { x = 0; y += row }
            entries.append((mark, text, size, Point(x, y)))
            x += w + spacing
        }
        rowHeight = row
        height = marks.isEmpty ? 0 : y + row
    }

    func placed(at origin: Point) -> [SceneItem] {
        var out: [SceneItem] = []
        let gap = font.size * 0.5
        for e in entries {
            let x = origin.x + e.at.x, mid = origin.y + e.at.y + rowHeight / 2
            let box = Rect(x: x, y: mid - font.size * 0.45, width: markWidth, height: font.size * 0.9)
            switch e.mark {
            case .swatch(let c):
                out.append(.rect(RectItem(frame: box, cornerRadius: 1.5, fill: c)))
            case .outlined(let c):
                out.append(.rect(RectItem(frame: box, cornerRadius: 1.5, fill: background, stroke: Stroke(color: c, width: 1.2, dash: [3, 2]))))
            case .dashedLine(let c):
                out.append(.path(PathItem(segments: [.move(Point(box.minX, mid)), .line(Point(box.maxX, mid))],
                                          stroke: Stroke(color: c, width: 1.6, dash: [4, 2.5]))))
            case .none:
                break
            }
            let textX = e.mark == .none ? x : x + markWidth + gap
            out.append(.text(TextItem(text: e.text, frame: Rect(x: textX, y: origin.y + e.at.y, width: e.size.width, height: rowHeight),
                                      font: font, color: textColor, verticalAlignment: .middle)))
        }
        return out
    }
}
