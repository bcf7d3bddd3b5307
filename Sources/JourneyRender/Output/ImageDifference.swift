/// How far two pictures of the same scene are apart, for checking that a viewer draws our SVG
/// the way our PNG shows it.
public struct ImageDifference: Sendable, Equatable {
    /// Share (0…1) of pixels where some colour channel differs by more than the threshold.
    public var differingShare: Double
    /// Mean over pixels of the largest channel difference, 0…255.
    public var meanDifference: Double
    /// The size compared (the common part of both pictures).
    public var width: Int
    public var height: Int

    /// Compares `a` and `b` over their common top-left part, colours composited over white
    /// (premultiplied ARGB plus the missing coverage). `threshold` is in 0…255 steps: 64 counts
    /// a pixel as different only beyond anti-aliasing shades (a glyph edge a fraction of a
    /// pixel away), so what remains is text or shapes out of place.
    public init(_ a: DecodedImage, _ b: DecodedImage, threshold: Int = 64) {
        width = min(a.width, b.width)
        height = min(a.height, b.height)
        var differing = 0, sum = 0
        for y in 0..<height {
            for x in 0..<width {
                let p = a.pixels[y * a.width + x], q = b.pixels[y * b.width + x]
                if p == q { continue }
                var largest = 0
                for shift in [16, 8, 0] as [UInt32] {
                    let u = Int((p >> shift) & 0xff) + 255 - Int(p >> 24)
                    let v = Int((q >> shift) & 0xff) + 255 - Int(q >> 24)
                    largest = max(largest, abs(u - v))
                }
                sum += largest
                if largest > threshold { differing += 1 }
            }
        }
        let n = Double(max(1, width * height))
        differingShare = Double(differing) / n
        meanDifference = Double(sum) / n
    }
}
