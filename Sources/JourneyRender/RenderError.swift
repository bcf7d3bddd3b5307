import JourneyErrors

/// Everything that can go wrong while turning a `Scene` into SVG, PNG or PDF bytes.
///
/// One error type for the rendering stage; each message says what was wrong and what to change.
public enum RenderError: CategorizedError, Equatable, Sendable {
    /// Sizes and options come from flags; the rest are Cairo or decoder failures.
    public var category: ErrorCategory {
        switch self {
        case .pictureTooLarge, .tooManyPixels, .invalidOption: .usage
        default: .internal
        }
    }

    /// The scene's width or height is zero, negative, infinite or NaN.
    case emptyCanvas(width: Double, height: Double)
    /// A PNG side would exceed Cairo's limit of 32767 pixels.
    case pictureTooLarge(width: Int, height: Int, limit: Int)
    /// The PNG would have more pixels than `RenderOptions.maxPixels` allows.
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// A `RenderOptions` value is unusable (bad scale, malformed date, …).
    case invalidOption(name: String, value: String, expected: String)
    /// Cairo or Pango reported a failure; `during` says what was being done.
    case cairo(status: String, during: String)
    /// Bytes given to `decodePNG` are not a PNG Cairo can read.
    case invalidPNG(reason: String)
    /// Bytes given to `pngFromJPEG` are not a JPEG libjpeg-turbo can read.
    case invalidJPEG(reason: String)

    public var description: String {
        switch self {
        case let .emptyCanvas(w, h):
            return "scene has no area: \(Self.number(w))×\(Self.number(h)) pt; "
                + "width and height must be positive (is the journey empty?)"
        case let .pictureTooLarge(w, h, limit):
            return "picture too large: \(w)×\(h) px exceeds the \(limit) px limit; lower --scale"
        case let .tooManyPixels(w, h, limit):
            return "picture too large: \(w)×\(h) px = \(w * h) pixels exceeds the limit of \(limit) pixels; "
                + "lower --scale or render to SVG/PDF"
        case let .invalidOption(name, value, expected):
            return "invalid render option \(name) = \"\(value)\": expected \(expected)"
        case let .cairo(status, during):
            return "drawing failed while \(during): \(status)"
        case let .invalidPNG(reason):
            return "cannot read PNG: \(reason)"
        case let .invalidJPEG(reason):
            return "cannot read JPEG: \(reason)"
        }
    }

    private static func number(_ v: Double) -> String {
        v.isFinite && v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
