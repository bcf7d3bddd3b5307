import JourneyCore
import JourneyGzip
import JourneyIO

/// A row that looks wrong in a compressed log is often damage to the compressed data, seen
/// first: gzip and zstd check their data only at the end of a member or frame (CRC-32, XXH64),
/// after the damaged bytes have been handed on as text. So before a row error in a `.gz` or
/// `.zst` file is reported, the file is decompressed once more to its end; when it is damaged,
/// the damage (with its offset) is what the user is told, naming the row it showed up in.
///
/// Found by trying the tool on real logs: one byte flipped in the middle of receipt.csv.gz was
/// reported as `receipt.csv.gz:4227: expected 15 fields (as in the header), found 14`, a row
/// that is fine in the original.
enum CompressedDamage {
    /// The error decompressing the file at `path` to its end gives (nothing is kept), or nil when
    /// it decompresses whole.
    static func find(path: String) -> InputError? {
        guard var source = try? openLogSource(path: path) else { return nil }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        do {
            while try source.read(into: buffer) > 0 {}
            return nil
        } catch let error as InputError {
            return error
        } catch {
            return nil
        }
    }

    /// `error`, a problem found in a row of the file at `path`; or, when that file is compressed
    /// and damaged, the damage, naming the row.
    static func explain(_ error: InputError, path: String) -> InputError {
        guard let line = error.line else { return error }
        let compression = LogCompression(path: path)
        guard compression != .none, var damage = find(path: path) else { return error }
        let check = compression == .zstd ? "zstd -t" : "gzip -t"
        damage.message += " — line \(line) looked wrong before the damage was found (\(error.message)), as data decompressed "
            + "before a damage is found can be wrong; `\(check) \(path)` checks the file, and a copy that passes it reads"
        return damage
    }
}
