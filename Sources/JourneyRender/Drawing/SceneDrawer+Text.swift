import JourneyScene

extension SceneDrawer {
    /// Space between text and the edge of its background box, in points.
    static let textBackgroundPadding = 2.0

    /// Lays out the text with the same Pango set-up as `PangoTextMeasurer`, places it in
    /// `frame` by horizontal and vertical alignment, and draws an optional background box.
    ///
    /// Wrapping items use `frame.width` as the wrap width and Pango's line alignment.
    /// Single-line items keep their natural width and are shifted by alignment; only when
    /// wider than the frame are they cut with "…" at the frame's width.
    func drawText(_ item: TextItem) throws {
        guard !item.text.isEmpty else { return }
        let layout = try TextLayout(text)
        let (logical, origin) = layout.lay(item, font: try FontDescription(item.font))
        if let background = item.background {
            let p = Self.textBackgroundPadding
            let box = Rect(x: origin.x + logical.x - p, y: origin.y + logical.y - p,
                           width: logical.width + 2 * p, height: logical.height + 2 * p)
            addRoundedRect(box, radius: p)
            fillAndStroke(fill: background, stroke: nil)
        }
        cairo.setSource(item.color)
        layout.show(in: cairo, at: origin)
    }

    /// Top-left corner for a layout whose logical box (relative to that corner) is `logical`.
    static func textOrigin(logical: Rect, in frame: Rect, alignment: TextAlignment,
                           verticalAlignment: VerticalAlignment, wrapped: Bool) -> Point {
        let x: Double
        if wrapped {
            x = frame.x  // Pango aligns each line inside the frame width itself
        } else {
            let f: Double = alignment == .left ? 0 : alignment == .center ? 0.5 : 1
            x = frame.x + (frame.width - logical.width) * f - logical.x
        }
        let g: Double = verticalAlignment == .top ? 0 : verticalAlignment == .middle ? 0.5 : 1
        let y = frame.y + (frame.height - logical.height) * g - logical.y
        return Point(x, y)
    }
}
