import CZlib
import JourneyCore

/// Decompresses gzip (or zlib) data from another byte source as it is read.
///
/// Concatenated gzip members (as `cat a.gz b.gz` or `pigz` produce) are read one after the
/// other; bytes after the last member that do not start another one are ignored, as
/// `gzip -d` does. Corrupt or truncated data throws an `InputError` giving the offset in the
/// compressed file.
public struct GzipByteSource: ByteSource {
    public let name: String
    private let state: State

    /// Decompresses what `inner` yields; `inner.name` names it in errors.
    public init(wrapping inner: some ByteSource) throws {
        name = inner.name
        state = State(inner: inner, inflater: try Inflater(file: inner.name))
    }

    /// Opens the gzip file at `path`.
    public init(path: String) throws {
        try self.init(wrapping: FileByteSource(path: path))
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try state.read(into: buffer, name: name)
    }

    /// The compressed input and the stream, shared by copies of the source.
    final class State {
        var inner: any ByteSource
        let inflater: Inflater
        let input: UnsafeMutableRawBufferPointer
        /// Compressed bytes read from `inner` so far.
        var compressedRead = 0
        var innerEOF = false
        /// The current member has ended; another may follow.
        var memberDone = false
        var finished = false

        init(inner: any ByteSource, inflater: Inflater) {
            self.inner = inner
            self.inflater = inflater
            self.input = .allocate(byteCount: 256 * 1024, alignment: 16)
        }

        deinit { input.deallocate() }

        /// Offset in the compressed file of the next byte zlib will take.
        var compressedOffset: Int { compressedRead - Int(inflater.stream.pointee.avail_in) }

        /// Refills the input when zlib has taken all of it; false at the end of the file.
        private func ensureInput() throws -> Bool {
            let s = inflater.stream
            if s.pointee.avail_in > 0 { return true }
            if innerEOF { return false }
            let n = try inner.read(into: input)
            if n == 0 { innerEOF = true; return false }
            compressedRead += n
            s.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
            s.pointee.avail_in = uInt(n)
            return true
        }

        func read(into buffer: UnsafeMutableRawBufferPointer, name: String) throws -> Int {
            guard !finished, buffer.count > 0 else { return 0 }
            let s = inflater.stream
            s.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            s.pointee.avail_out = uInt(min(buffer.count, Int(UInt32.max)))
            let wanted = Int(s.pointee.avail_out)
            while s.pointee.avail_out > 0 {
                let haveInput = try ensureInput()
                if memberDone {
                    // Another member follows only if the next byte starts a gzip header.
                    guard haveInput, s.pointee.next_in.pointee == 0x1f else { finished = true; break }
                    inflateReset(s)
                    memberDone = false
                }
                if !haveInput {
                    throw InputError(file: name, byteOffset: compressedOffset, message:
                        "gzip data truncated at byte \(compressedOffset) (the file ends inside compressed data)")
                }
                let rc = inflate(s, Z_NO_FLUSH)
                switch rc {
                case Z_OK, Z_BUF_ERROR: continue
                case Z_STREAM_END: memberDone = true
                default:
                    let detail = inflater.message.map { ": \($0)" } ?? ""
                    throw InputError(file: name, byteOffset: compressedOffset, message:
                        "gzip data corrupt at byte \(compressedOffset)\(detail)")
                }
            }
            return wanted - Int(s.pointee.avail_out)
        }
    }
}
