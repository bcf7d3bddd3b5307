import CIsal
import JourneyCore
import JourneyIO

/// Decompresses gzip (or zlib) data from another byte source as it is read.
///
/// Concatenated gzip members (as `cat a.gz b.gz` or `pigz` produce) are read one after the
/// other. Bytes after the last member that do not start another one are refused (`gzip -d`
/// warns "trailing garbage ignored"; here they would be lost silently, and usually mean a
/// damaged or wrongly joined file), except zero bytes, which are padding. A file that does
/// not start like gzip (or zlib) data is "not gzip data". Corrupt or truncated data throws an
/// `InputError` giving the offset in the compressed file.
public struct GzipByteSource: ByteSource {
    public let name: String
    private let state: State

    /// Decompresses what `inner` yields; `inner.name` names it in errors.
    public init(wrapping inner: some ByteSource) throws {
        name = inner.name
        state = State(inner: inner, inflater: Inflater())
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
        /// The first member's header has been checked and the stream started.
        var started = false
        /// The current member has ended; another may follow.
        var memberDone = false
        var finished = false

        init(inner: any ByteSource, inflater: Inflater) {
            self.inner = inner
            self.inflater = inflater
            self.input = .allocate(byteCount: 256 * 1024, alignment: 16)
        }

        deinit { input.deallocate() }

        /// Offset in the compressed file of the next byte ISA-L will take (it may hold up to
        /// 8 bytes more in its bit buffer inside a member; none between members).
        var compressedOffset: Int { compressedRead - Int(inflater.state.pointee.avail_in) }

        /// Refills the input when ISA-L has taken all of it; false at the end of the file.
        private func ensureInput() throws -> Bool {
            let s = inflater.state
            if s.pointee.avail_in > 0 { return true }
            if innerEOF { return false }
            let n = try inner.read(into: input)
            if n == 0 { innerEOF = true; return false }
            compressedRead += n
            s.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
            s.pointee.avail_in = UInt32(n)
            return true
        }

        func read(into buffer: UnsafeMutableRawBufferPointer, name: String) throws -> Int {
            guard !finished, buffer.count > 0 else { return 0 }
            let s = inflater.state
            s.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            s.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
            let wanted = Int(s.pointee.avail_out)
            while s.pointee.avail_out > 0 {
                let haveInput = try ensureInput()
                if !started {
                    guard haveInput else {
                        throw InputError(file: name, byteOffset: 0, message:
                            "gzip data truncated at byte 0 (the file is empty)")
                    }
                    inflater.start(gzip: try checkSignature(name: name))
                    started = true
                }
                if memberDone {
                    // Another member follows only if the next byte starts a gzip header.
                    guard haveInput else { finished = true; break }
                    guard s.pointee.next_in.pointee == 0x1f else {
                        try checkOnlyPadding(name: name)
                        finished = true
                        break
                    }
                    inflater.start(gzip: true)
                    memberDone = false
                }
                // Without new input ISA-L may still hold the member's last bits: it must then
                // make progress or finish, else the file ends inside compressed data.
                let before = s.pointee.avail_out
                let rc = inflater.inflate()
                guard rc == ISAL_DECOMP_OK || rc == ISAL_END_INPUT else {
                    throw InputError(file: name, byteOffset: compressedOffset, message:
                        "gzip data corrupt at byte \(compressedOffset): \(Inflater.describe(rc))")
                }
                if inflater.memberFinished {
                    memberDone = true
                } else if !haveInput && s.pointee.avail_out == before {
                    throw InputError(file: name, byteOffset: compressedOffset, message:
                        "gzip data truncated at byte \(compressedOffset) (the file ends inside compressed data)")
                }
            }
            return wanted - Int(s.pointee.avail_out)
        }

        /// The first bytes must be a gzip signature (`1f 8b`) or a zlib header; else the file
        /// is named for what it is rather than with "invalid header". True for gzip.
        private func checkSignature(name: String) throws -> Bool {
            let s = inflater.state
            guard s.pointee.avail_in >= 2 else { return true }
            let a = s.pointee.next_in[0], b = s.pointee.next_in[1]
            let gzip = a == 0x1f && b == 0x8b
            let zlib = a & 0x0f == 8 && (UInt16(a) << 8 | UInt16(b)) % 31 == 0
            guard gzip || zlib else {
                throw InputError(file: name, message: "not gzip data: the file does not start with the gzip signature 1f 8b "
                    + "(found \(hex(a)) \(hex(b))); if it is not compressed, drop the .gz from its name")
            }
            return gzip
        }

        private func hex(_ byte: UInt8) -> String { (byte < 16 ? "0" : "") + String(byte, radix: 16) }

        /// After the last member: zero bytes (padding) are accepted, anything else refused.
        private func checkOnlyPadding(name: String) throws {
            let start = compressedOffset
            let s = inflater.state
            while true {
                let n = Int(s.pointee.avail_in)
                for i in 0..<n where s.pointee.next_in[i] != 0 {
                    throw InputError(file: name, byteOffset: start, message:
                        "trailing garbage: the gzip data ends at byte \(start) but the file goes on with bytes that are not gzip "
                        + "(a damaged or wrongly joined file?); `gzip -dc` keeps the data and drops them")
                }
                s.pointee.avail_in = 0
                guard try ensureInput() else { return }
            }
        }
    }
}
