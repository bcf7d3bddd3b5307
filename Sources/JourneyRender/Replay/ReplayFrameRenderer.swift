import CPangoCairo
import JourneyScene

/// Draws frames of a replay with Cairo: the static picture once, then per frame that picture,
/// the box glows, the tokens, the clock and the progress bar at a playback time. Holds two
/// images (the static one and the frame being drawn), whatever the number of frames.
final class ReplayFrameRenderer {
    let width: Int
    let height: Int
    private let replay: ReplayAnimation
    private let scale: Double
    private let base: CairoSurface
    private let surface: CairoSurface
    private let context: CairoContext
    private let drawer: SceneDrawer

    /// Frames `width` pixels wide (the height follows the picture's proportions).
    init(_ replay: ReplayAnimation, width: Int) throws {
        let scene = replay.scene
        guard scene.width > 0, scene.height > 0 else { throw RenderError.emptyCanvas(width: scene.width, height: scene.height) }
        self.replay = replay
        self.width = width
        scale = Double(width) / scene.width
        height = max(1, Int((scene.height * scale).rounded(.up)))
        base = try CairoSurface.image(width: width, height: height)
        let baseContext = try CairoContext(base)
        baseContext.scale(scale, scale)
        try SceneDrawer(cairo: baseContext).draw(scene)
        cairo_surface_flush(base.pointer)
        surface = try CairoSurface.image(width: width, height: height)
        context = try CairoContext(surface)
        context.scale(scale, scale)
        drawer = try SceneDrawer(cairo: context)
    }

    /// The static picture's pixels (what every frame is drawn over).
    func basePixels() throws -> [UInt32] { try base.imagePixels().pixels }

    /// The frame at playback time `t` as `0xAARRGGBB` words, row by row.
    func frame(at t: Double) throws -> [UInt32] {
        let d = replay.duration
        context.save()
        cairo_identity_matrix(context.pointer)
        cairo_set_source_surface(context.pointer, base.pointer, 0, 0)
        cairo_set_operator(context.pointer, CAIRO_OPERATOR_SOURCE)
        cairo_paint(context.pointer)
        context.restore()
        for p in replay.pulses {
            let level = p.level(at: t, duration: d)
            guard level > 0 else { continue }
            drawer.drawRect(RectItem(frame: p.frame.insetBy(dx: -2, dy: -2), cornerRadius: p.cornerRadius + 2,
                                     stroke: Stroke(color: p.color.withAlpha(level), width: 3)))
        }
        let track = replay.progressTrack
        let done = track.width * max(0, min(1, t / d))
        if done > 0 {
            drawer.drawRect(RectItem(frame: Rect(x: track.x, y: track.y, width: done, height: track.height),
                                     cornerRadius: min(track.height / 2, done / 2), fill: replay.progressColor))
        }
        // Dots at least 3 px in radius, so small frames still show them.
        let radius = max(replay.tokenRadius, 3 / scale)
        for token in replay.tokens {
            guard let p = token.position(at: t) else { continue }
            context.setSource(token.color.withAlpha(0.85))
            context.newPath()
            context.arc(center: p, radius: radius, from: 0, to: 2 * Double.pi)
            context.fill()
        }
        try drawer.drawText(replay.clock.item(replay.clock.label(at: t, duration: d)))
        try context.check(during: "drawing the replay frame at \(t) s")
        return try pixels()
    }

    /// The frame's pixels, copied row by row (`imagePixels` reads pixel by pixel: slow in debug builds).
    private func pixels() throws -> [UInt32] {
        cairo_surface_flush(surface.pointer)
        let stride = Int(cairo_image_surface_get_stride(surface.pointer))
        guard let data = cairo_image_surface_get_data(surface.pointer) else { return try surface.imagePixels().pixels }
        var out = [UInt32](repeating: 0, count: width * height)
        out.withUnsafeMutableBytes { raw in
            for y in 0..<height { (raw.baseAddress! + y * width * 4).copyMemory(from: data + y * stride, byteCount: width * 4) }
        }
        return out
    }
}
