import CZstd
import JourneyCore
import JourneyIO

/// Decompresses zstd data (`.zst`, RFC 8878) from another byte source as it is read, with
/// zstd's streaming decoder (`ZSTD_decompressStream`): memory is its window (at most 128 MB,
/// 8 MB for files `zstd` writes at its default levels) and two buffers, whatever the size of
/// the file.
///
/// Concatenated frames (`cat a.zst b.zst`, `zstd -T0` on large files) and skippable frames
/// are read one after the other. A file that does not start with a zstd frame is "not zstd
/// data"; corrupt or truncated data, and bytes after the last frame that do not start
/// another, throw an `InputError` giving the offset in the compressed file.
public struct ZstdByteSource: ByteSource {
    public let name: String
    let state: State

    /// Decompresses what `inner` yields; `inner.name` names it in errors.
    public init(wrapping inner: some ByteSource) throws {
        name = inner.name
        guard let stream = ZSTD_createDStream() else {
            throw InputError(file: inner.name, message: "cannot start zstd decompression (out of memory)")
        }
        state = State(inner: inner, stream: stream)
    }

    /// Opens the zstd file at `path`.
    public init(path: String) throws {
        try self.init(wrapping: FileByteSource(path: path))
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try state.read(into: buffer, name: name)
    }

    /// The compressed input and the stream, shared by copies of the source.
    /// The corresponding C functions are `ZSTD_createDStream`, `ZSTD_decompressStream`,
    /// `ZSTD_freeDStream`, `ZSTD_isError` and `ZSTD_getErrorName`.
    final class State {
        var inner: any ByteSource
        let stream: OpaquePointer
        let input: UnsafeMutableRawBufferPointer
        var pending = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
        /// Compressed bytes read from `inner` so far.
        var compressedRead = 0
        var innerEOF = false
        var checkedMagic = false
        /// 0 when the last call ended a frame (the file may end there), else more is expected.
        var hint = 1
        var finished = false

        // In-place decoding (`InPlaceDecoding`, ZstdByteSource+InPlace.swift).
        /// The bufferless decoder, once `startInPlace` chose it.
        var inPlace: OpaquePointer?
        /// The largest window a frame may have (half a block), and the current frame's.
        var windowLimit = 0
        var windowSize = 0
        /// The most bytes one block of the current frame decodes to.
        var blockSizeMax = 0
        /// Between a frame's header and its end.
        var inFrame = false
        /// The current frame has written nothing yet.
        var frameBeginsHere = false
        /// The current frame began in the current stretch (so all of it is there).
        var frameInStretch = false
        /// The bytes written back to back last (the pipeline keeps them in place).
        var stretchStart: UnsafeMutableRawPointer?
        var stretchEnd: UnsafeMutableRawPointer?

        init(inner: any ByteSource, stream: OpaquePointer) {
            self.inner = inner
            self.stream = stream
            // Large enough for any piece the bufferless decoder asks for at once (a block is at
            // most 128 KiB compressed), and fewer reads.
            input = .allocate(byteCount: max(ZSTD_DStreamInSize(), 1 << 20), alignment: 16)
        }

        deinit {
            ZSTD_freeDStream(stream)
            if let inPlace { ZSTD_freeDCtx(inPlace) }
            input.deallocate()
        }

        /// The compressed bytes read and not yet taken.
        var staged: UnsafeRawPointer { pending.src! + pending.pos }
        var stagedCount: Int { pending.size - pending.pos }

        /// Makes at least `n` (at most the input buffer's size) compressed bytes ready at
        /// `staged`, reading more; false when the file ends first.
        func stage(_ n: Int) throws -> Bool {
            var have = pending.src == nil ? 0 : stagedCount
            if have >= n { return true }
            if have > 0 && pending.pos > 0 { input.baseAddress!.copyMemory(from: staged, byteCount: have) }
            pending = ZSTD_inBuffer(src: UnsafeRawPointer(input.baseAddress!), size: have, pos: 0)
            while have < n && !innerEOF {
                let k = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: input[have...]))
                if k == 0 { innerEOF = true; break }
                compressedRead += k
                have += k
                pending.size = have
            }
            return have >= n
        }

        /// Takes `n` staged bytes.
        func consume(_ n: Int) { pending.pos += n }

        /// Offset in the compressed file of the next byte zstd will take.
        var compressedOffset: Int { compressedRead - (pending.size - pending.pos) }

        /// Refills the input when zstd has taken all of it; false at the end of the file.
        private func ensureInput() throws -> Bool {
            if pending.pos < pending.size { return true }
            if innerEOF { return false }
            let n = try inner.read(into: input)
            if n == 0 { innerEOF = true; return false }
            compressedRead += n
            pending = ZSTD_inBuffer(src: UnsafeRawPointer(input.baseAddress!), size: n, pos: 0)
            return true
        }

        func read(into buffer: UnsafeMutableRawBufferPointer, name: String) throws -> Int {
            guard !finished, buffer.count > 0 else { return 0 }
            var out = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
            while out.pos < out.size {
                let haveInput = try ensureInput()
                if !checkedMagic && haveInput { try checkMagic(name: name) }
                if !haveInput && hint == 0 { finished = true; break }
                let before = out.pos, atFrameStart = hint == 0
                // At most `pieceBytes` of input a call: zstd leaves its input position where the
                // call began when a block fails, so this keeps an error's offset near the block.
                var piece = ZSTD_inBuffer(src: pending.src, size: min(pending.size, pending.pos + Self.pieceBytes), pos: pending.pos)
                let rc = ZSTD_decompressStream(stream, &out, &piece)
                pending.pos = piece.pos
                if ZSTD_isError(rc) != 0 {
                    throw decodingError(rc, name: name, afterAFrame: atFrameStart && compressedOffset > 0)
                }
                hint = rc
                // Without new input zstd may still flush what it holds; if it cannot, the
                // file ends inside a frame.
                if !haveInput && out.pos == before && hint != 0 {
                    throw InputError(file: name, byteOffset: compressedOffset, message:
                        "zstd data truncated at byte \(compressedOffset) (the file ends inside a frame)")
                }
            }
            return out.pos
        }

        /// Compressed bytes handed to zstd at a time. Measured on one byte flipped in the middle
        /// of receipt.csv.zst (184 KB): with all the input at once the error said "byte 0".
        static let pieceBytes = 16 << 10

        /// What a failed `ZSTD_decompressStream` means for the user: a frame whose window is larger
        /// than zstd decodes by default (128 MiB: files written with `--long=28` or more, which
        /// `zstd -d` refuses too without `--long`), bytes after the last frame that do not start
        /// another, or corrupt data.
        func decodingError(_ rc: Int, name: String, afterAFrame: Bool) -> InputError {
            let offset = compressedOffset
            switch ZSTD_getErrorCode(rc) {
            case ZSTD_error_frameParameter_windowTooLarge:
                var window = "more than 128 MiB"
                var header = ZSTD_frameHeader()
                if stagedCount > 0, ZSTD_getFrameHeader(&header, staged, stagedCount) == 0, header.windowSize > 0 {
                    window = "\(header.windowSize >> 20) MiB"
                }
                return InputError(file: name, byteOffset: offset, message:
                    "the zstd frame at byte \(offset) needs a window of \(window) (written with zstd --long), more memory than "
                    + "journeymap gives a decoder (128 MiB, as zstd -d without --long); decompress it first: "
                    + "zstd -d --long=31 \(name) -o \(Self.decompressedName(name)), and read that file")
            case ZSTD_error_prefix_unknown where afterAFrame:
                return Self.trailingGarbage(name: name, at: offset)
            default:
                return Self.corrupt(name: name, at: offset, String(cString: ZSTD_getErrorName(rc)))
            }
        }

        /// Corrupt zstd data at `offset` of the compressed file, and what zstd or the reader found.
        static func corrupt(name: String, at offset: Int, _ reason: String) -> InputError {
            InputError(file: name, byteOffset: offset, message: "zstd data corrupt at byte \(offset): \(reason)")
        }

        /// Bytes after the last frame that do not start another: refused (zstd has no padding),
        /// as gzip's trailing garbage is, with how to keep the data before them.
        static func trailingGarbage(name: String, at offset: Int) -> InputError {
            InputError(file: name, byteOffset: offset, message:
                "trailing garbage: the zstd data ends at byte \(offset) but the file goes on with bytes that do not start "
                + "another zstd frame (a damaged or wrongly joined file?); head -c \(offset) \(name) > fixed.zst keeps the data and drops them")
        }

        /// `name` without its `.zst`, or with `.out` added when it has none.
        static func decompressedName(_ name: String) -> String {
            name.lowercased().hasSuffix(".zst") ? String(name.dropLast(4)) : name + ".out"
        }

        /// The file must start with a zstd frame (`28 b5 2f fd`) or a skippable one
        /// (`5?  2a 4d 18`); else it is named for what it is.
        private func checkMagic(name: String) throws {
            guard pending.size - pending.pos >= 4 else { checkedMagic = true; return }
            let p = pending.src!.assumingMemoryBound(to: UInt8.self) + pending.pos
            guard Self.isFrameMagic(staged) || Self.isSkippableMagic(staged) else {
                let found = (0..<4).map { p[$0] < 16 ? "0" + String(p[$0], radix: 16) : String(p[$0], radix: 16) }
                throw InputError(file: name, message: "not zstd data: the file does not start with the zstd magic number "
                    + "28 b5 2f fd (found \(found.joined(separator: " "))); if it is not compressed, drop the .zst from its name")
            }
            checkedMagic = true
        }

        /// Whether `p` starts a zstd frame (`28 b5 2f fd`).
        static func isFrameMagic(_ p: UnsafeRawPointer) -> Bool {
            p.loadUnaligned(as: UInt32.self) == UInt32(littleEndian: 0xFD2F_B528)
        }

        /// Whether `p` starts a skippable frame (`5? 2a 4d 18`).
        static func isSkippableMagic(_ p: UnsafeRawPointer) -> Bool {
            UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)) & 0xFFFF_FFF0 == 0x184D_2A50
        }
    }
}
