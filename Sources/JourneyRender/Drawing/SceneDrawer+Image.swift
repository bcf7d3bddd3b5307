import CPangoCairo
import JourneyScene

extension SceneDrawer {
    /// A PNG scaled to cover its frame (centred, cropped, never stretched), clipped to the frame
    /// or to the circle inscribed in it. SVG and PDF embed the picture; PNG output resamples it.
    func drawImage(_ image: ImageItem) throws {
        let picture = try CairoSurface.decodingPNG(image.png)
        let width = Double(cairo_image_surface_get_width(picture.pointer))
        let height = Double(cairo_image_surface_get_height(picture.pointer))
        guard width > 0, height > 0, image.frame.width > 0, image.frame.height > 0 else { return }
        let f = image.frame
        cairo.save()
        defer { cairo.restore() }
        cairo.newPath()
        if image.circular {
            let r = min(f.width, f.height) / 2
            cairo.arc(center: f.center, radius: r, from: 0, to: 2 * Double.pi)
        } else {
            cairo.rectangle(f)
        }
        cairo_clip(cairo.pointer)
        let scale = max(f.width / width, f.height / height)
        cairo_translate(cairo.pointer, f.center.x - width * scale / 2, f.center.y - height * scale / 2)
        cairo.scale(scale, scale)
        cairo_set_source_surface(cairo.pointer, picture.pointer, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cairo.pointer), CAIRO_FILTER_GOOD)
        cairo.paint()
        withExtendedLifetime(picture) {}
    }
}
