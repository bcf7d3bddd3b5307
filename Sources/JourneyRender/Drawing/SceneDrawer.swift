import JourneyScene

/// Draws a `Scene` into a Cairo context, item by item in painter's order.
///
/// Format-agnostic: the same drawer serves the SVG, PDF and PNG surfaces (the PNG context
/// is scaled before the drawer is made). Only the Cairo/Pango wrappers touch C.
struct SceneDrawer {
    let cairo: CairoContext
    let text: PangoTextContext

    /// Prepares text drawing on `cairo` with the shared unhinted font options; apply any
    /// scale to `cairo` first.
    init(cairo: CairoContext) throws {
        self.cairo = cairo
        self.text = try PangoTextContext(drawingInto: cairo, options: FontOptions.unhinted())
    }

    /// Background, then every item; throws the first error Cairo recorded.
    ///
    /// The background is painted over the whole surface, so the last PNG row and column
    /// (partly outside the scene when `width × scale` is fractional) are not half transparent.
    func draw(_ scene: Scene) throws {
        cairo.setSource(scene.background)
        cairo.paint()
        for (index, item) in scene.items.enumerated() {
            switch item {
            case .rect(let rect): drawRect(rect)
            case .path(let path): drawPath(path)
            case .text(let text): try drawText(text)
            case .image(let image): try drawImage(image)
            }
            try cairo.check(during: "drawing scene item \(index + 1) of \(scene.items.count) (\(item.kindName))")
        }
    }
}

extension SceneItem {
    /// "rect", "path" or "text", for error messages.
    var kindName: String {
        switch self {
        case .rect: return "rect"
        case .path: return "path"
        case .text(let t): return "text \"\(t.text.prefix(40))\""
        case .image: return "image"
        }
    }
}
