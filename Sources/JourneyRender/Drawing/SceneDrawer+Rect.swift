import JourneyScene

extension SceneDrawer {
    /// Fill, then stroke, a rectangle whose corners are rounded by `cornerRadius`
    /// (clamped to half the shorter side).
    func drawRect(_ item: RectItem) {
        guard item.fill != nil || item.stroke != nil else { return }
        addRoundedRect(item.frame, radius: item.cornerRadius)
        fillAndStroke(fill: item.fill, stroke: item.stroke)
    }

    /// Adds a closed rounded-rectangle subpath to the current path.
    func addRoundedRect(_ r: Rect, radius: Double) {
        let radius = max(0, min(radius, min(r.width, r.height) / 2))
        guard radius > 0 else {
            cairo.rectangle(r)
            return
        }
        let halfPi = Double.pi / 2
        cairo.newPath()
        cairo.arc(center: Point(r.maxX - radius, r.minY + radius), radius: radius, from: -halfPi, to: 0)
        cairo.arc(center: Point(r.maxX - radius, r.maxY - radius), radius: radius, from: 0, to: halfPi)
        cairo.arc(center: Point(r.minX + radius, r.maxY - radius), radius: radius, from: halfPi, to: 2 * halfPi)
        cairo.arc(center: Point(r.minX + radius, r.minY + radius), radius: radius, from: 2 * halfPi, to: 3 * halfPi)
        cairo.closePath()
    }

    /// Fills (when `fill` is set) and strokes (when `stroke` is set) the current path, then clears it.
    func fillAndStroke(fill: Color?, stroke: Stroke?) {
        if let fill {
            cairo.setSource(fill)
            cairo.fillPreserve()
        }
        if let stroke, stroke.width > 0 {
            cairo.setStroke(stroke)
            cairo.setSource(stroke.color)
            cairo.strokePreserve()
        }
        cairo.newPath()
    }
}
