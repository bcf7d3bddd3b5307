import JourneyScene

/// Draws `scene` and returns the file's bytes in `format`.
///
/// SVG and PDF are vector documents in points (the scene's own units); PNG is
/// `ceil(width × scale)` × `ceil(height × scale)` pixels. With the default options the
/// same scene always gives the same bytes in every format.
///
/// Thread-safe: each call uses its own surfaces and contexts.
public func render(_ scene: Scene, format: OutputFormat, options: RenderOptions = RenderOptions()) throws -> [UInt8] {
    guard scene.width.isFinite, scene.height.isFinite, scene.width > 0, scene.height > 0 else {
        throw RenderError.emptyCanvas(width: scene.width, height: scene.height)
    }
    switch format {
    case .svg: return options.svgText == .outlines ? try renderSVG(scene) : try renderSemanticSVG(scene)
    case .png: return try renderPNG(scene, options: options)
    case .pdf: return try renderPDF(scene, options: options)
    case .layoutJSON: return try LayoutDocument(scene).jsonBytes()
    case .html: return try renderHTML(scene, data: nil, options: options)
    case .mermaid: return Array(MermaidExport.text(ExportGraph(scene)).utf8)
    case .dot: return Array(DOTExport.text(ExportGraph(scene)).utf8)
    case .sankeymatic: return Array(SankeyMaticExport.text(ExportGraph(scene)).utf8)
    }
}

/// Our own SVG with real text, groups and ids (`SemanticSVGWriter`).
func renderSemanticSVG(_ scene: Scene) throws -> [UInt8] {
    var writer = try SemanticSVGWriter(scene)
    return try writer.write()
}

/// Cairo's SVG 1.1 in points (text as glyph outlines) with the scene's title and summary as
/// `<title>` and `<desc>`.
func renderSVG(_ scene: Scene) throws -> [UInt8] {
    let surface = try CairoSurface.svg(width: scene.width, height: scene.height)
    try draw(scene, on: surface)
    let bytes = try surface.finish(during: "writing the SVG document")
    return try SVGMetadata(title: scene.title, description: scene.summary, width: scene.width, height: scene.height)
        .inserted(into: SVGCompaction.compacted(SVGIdentifiers.renumbered(bytes)))
}

/// A one-page PDF; title → Title, summary → Subject, dates from `options.pdfCreationDate`.
func renderPDF(_ scene: Scene, options: RenderOptions) throws -> [UInt8] {
    let date = try options.pdfCreationDate.map(PDFDate.validated)
    let surface = try CairoSurface.pdf(width: scene.width, height: scene.height)
    if !scene.title.isEmpty { surface.setPDFMetadata(.title, scene.title.drawable) }
    if !scene.summary.isEmpty { surface.setPDFMetadata(.subject, scene.summary.drawable) }
    surface.setPDFMetadata(.creator, "journeymap")
    if let date {
        surface.setPDFMetadata(.createDate, date)
        surface.setPDFMetadata(.modDate, date)
    }
    try draw(scene, on: surface)
    return try surface.finish(during: "writing the PDF document")
}

/// An ARGB PNG at `options.scale` pixels per point.
func renderPNG(_ scene: Scene, options: RenderOptions) throws -> [UInt8] {
    let size = try PNGSize(scene: scene, options: options)
    let surface = try CairoSurface.image(width: size.width, height: size.height)
    try draw(scene, on: surface, scale: options.scale)
    let image = try surface.imagePixels()
    return try PNGEncoder.encode(width: image.width, height: image.height, pixels: image.pixels, dpi: options.dpi)
}

/// Draws the whole scene on a fresh context over `surface`, scaled by `scale`.
private func draw(_ scene: Scene, on surface: CairoSurface, scale: Double = 1) throws {
    let cairo = try CairoContext(surface)
    if scale != 1 { cairo.scale(scale, scale) }
    try SceneDrawer(cairo: cairo).draw(scene)
}
