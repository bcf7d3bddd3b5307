import JourneyScene

extension PersonaPhoto {
    /// Photo files larger than this are not read.
    public static let maxBytes = 20_000_000
    /// Photos wider or taller than this many pixels are not drawn.
    public static let maxSide = 8000

    /// Reads the persona's `photo:` (relative to its YAML file `yaml`; see `PersonaPhotoFile`
    /// for which files are read) and sniffs it (`init(bytes:name:)`).
    public static func load(_ photo: String, relativeTo yaml: String, allowOutside: Bool = false) -> PersonaPhoto {
        switch PersonaPhotoFile.read(photo, yaml: yaml, allowOutside: allowOutside) {
        case .bytes(let bytes): return PersonaPhoto(bytes: bytes, name: photo)
        case .problem(let problem): return .unusable(problem)
        }
    }

    /// A photo's bytes sniffed: a PNG as it is, a JPEG turned into a PNG of at least 256 px a
    /// side (`pngFromJPEG`; Cairo reads PNG only). Any other file, or a broken or oversized
    /// one, is `.unusable` with the reason; `name` is the path the reason's advice shows.
    public init(bytes: [UInt8], name: String) {
        let tooLarge = "larger than \(Self.maxBytes / 1_000_000) MB"
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            guard bytes.count <= Self.maxBytes else {
                self = .unusable(tooLarge)
                return
            }
            do {
                self = .png(try pngFromJPEG(bytes, maxPixels: Self.maxSide * Self.maxSide).png)
            } catch {
                self = .unusable("\(error)")
            }
            return
        }
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            self = .unusable("only PNG and JPEG photos are drawn; convert it, e.g. `convert \(name) photo.png`")
            return
        }
        func be32(_ i: Int) -> Int { bytes.count >= i + 4 ? bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } : 0 }
        let (w, h) = (be32(16), be32(20))
        guard bytes.count <= Self.maxBytes, w > 0, h > 0, w <= Self.maxSide, h <= Self.maxSide else {
            self = .unusable("\(tooLarge) or \(Self.maxSide) × \(Self.maxSide) px (\(w) × \(h))")
            return
        }
        guard (try? decodePNG(bytes)) != nil else {
            self = .unusable("not a readable PNG")
            return
        }
        self = .png(bytes)
    }
}
