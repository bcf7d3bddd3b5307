import JourneyScene

/// The pixel size of a scene's PNG, checked against Cairo's and the caller's limits.
struct PNGSize: Equatable {
    /// Cairo image surfaces (and pixman) cannot exceed this many pixels on a side.
    static let sideLimit = 32767

    var width: Int
    var height: Int

    /// `ceil(width × scale)` × `ceil(height × scale)` (a tiny epsilon keeps 100 × 2.0000000001
    /// at 200 px); throws when the scale is unusable or the picture too large.
    init(scene: Scene, options: RenderOptions) throws {
        let scale = options.scale
        guard scale.isFinite, scale > 0 else {
            throw RenderError.invalidOption(name: "scale", value: "\(scale)", expected: "a positive number of pixels per point, e.g. 2")
        }
        func pixels(_ points: Double) -> Double { max(1, (points * scale - 1e-9).rounded(.up)) }
        let w = pixels(scene.width), h = pixels(scene.height)
        let limit = Double(Self.sideLimit)
        guard w <= limit, h <= limit else {
            throw RenderError.pictureTooLarge(width: Int(min(w, 1e15)), height: Int(min(h, 1e15)), limit: Self.sideLimit)
        }
        width = Int(w)
        height = Int(h)
        guard width * height <= options.maxPixels else {
            throw RenderError.tooManyPixels(width: width, height: height, limit: options.maxPixels)
        }
    }
}
