import JourneyScene

extension TextLayout {
    /// Lays out `item` as every renderer draws it (Cairo's PNG/PDF and our SVG alike):
    /// wrapping items use `frame.width` as the wrap width and Pango's line alignment; single-line
    /// items keep their natural width and are cut with "…" at the frame's width only when wider.
    /// Returns the layout's logical extents and the origin that places them in the frame.
    func lay(_ item: TextItem, font: FontDescription) -> (logical: Rect, origin: Point) {
        configure(text: item.text, font: font, wrapWidth: item.wrap ? max(0, item.frame.width) : nil)
        if item.wrap {
            setAlignment(item.alignment)
        } else if logicalExtents.width > item.frame.width + TextLayout.widthTolerance(for: item.text) {
            setWidth(max(0, item.frame.width))
            setEllipsizeEnd(true)
        }
        let logical = logicalExtents
        let origin = SceneDrawer.textOrigin(logical: logical, in: item.frame, alignment: item.alignment,
                                            verticalAlignment: item.verticalAlignment, wrapped: item.wrap)
        return (logical, origin)
    }
}
