import JourneyDeflate
import JourneyCore

/// Compresses `bytes` as one gzip member (for tests and for writing `.gz` files).
public func gzipCompress(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
    do {
        return try Deflate.compress(bytes, level: level, format: .gzip)
    } catch let error as DeflateError {
        throw GzipError(message: error.message)
    }
}

/// A failure of zlib outside reading a log (compression).
public struct GzipError: CategorizedError, Sendable {
    public var category: ErrorCategory { .internal }
    public var message: String
    public var description: String { message }
}
