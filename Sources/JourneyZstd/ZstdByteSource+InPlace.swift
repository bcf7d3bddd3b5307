import CZstd
import JourneyCore
import JourneyIO

/// Decoding straight into a `LineBlockPipeline`'s blocks with zstd's bufferless functions
/// (`ZSTD_decompressBegin`, `ZSTD_nextSrcSizeToDecompress`, `ZSTD_decompressContinue`): each
/// block is decoded next to the one before in the same buffer, and when a buffer is full the
/// next one starts a new stretch whose back-references reach into the last (zstd keeps the
/// previous stretch as its "external dictionary"). That needs each stretch to hold at least a
/// window of the frame, so it is used only when the window is at most half a block; frames
/// read this way must all be so. The result is byte for byte what `read(into:)` gives.
extension ZstdByteSource: InPlaceDecoding {
    public mutating func decodesInPlace(blockSize: Int) throws -> Bool {
        try state.startInPlace(blockSize: blockSize, name: name)
    }

    public mutating func decodeInPlace(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try state.decodeInPlace(into: buffer, name: name)
    }

    public var finishedDecoding: Bool { state.finished }
}

extension ZstdByteSource.State {
    /// Reads the first frame's header and sets up in-place decoding; false (nothing consumed
    /// for good: the streaming decoder is fed the same bytes) when its window is too large.
    func startInPlace(blockSize: Int, name: String) throws -> Bool {
        try skipSkippableFrames(name: name)
        // Nothing but skippable frames: in place, with nothing to decode (an empty file is left
        // to the streaming decoder, which says it ends inside a frame).
        if try !stage(1) { return compressedRead > 0 ? try useInPlace(blockSize: blockSize) : false }
        guard try stage(4), Self.isFrameMagic(staged), let header = try frameHeader(),
              header.windowSize <= UInt64(blockSize / 2) else { return false }
        return try useInPlace(blockSize: blockSize)
    }

    private func useInPlace(blockSize: Int) throws -> Bool {
        windowLimit = blockSize / 2
        guard let context = ZSTD_createDCtx() else { return false }
        inPlace = context
        return true
    }

    /// The header of the zstd frame the staged bytes start with, or nil when it cannot be read.
    private func frameHeader() throws -> ZSTD_frameHeader? {
        _ = try stage(Int(ZSTD_FRAMEHEADERSIZE_MAX))
        var header = ZSTD_frameHeader()
        let rc = ZSTD_getFrameHeader(&header, staged, stagedCount)
        return ZSTD_isError(rc) == 0 && rc == 0 ? header : nil
    }

    func decodeInPlace(into buffer: UnsafeMutableRawBufferPointer, name: String) throws -> Int {
        guard let dctx = inPlace, !finished, let base = buffer.baseAddress else { return 0 }
        var written = 0
        while true {
            if !inFrame {
                try skipSkippableFrames(name: name)
                guard try stage(1) else { finished = true; return written }
                guard try stage(4), Self.isFrameMagic(staged) else {
                    throw Self.trailingGarbage(name: name, at: compressedOffset)
                }
                guard let header = try frameHeader() else {
                    throw Self.corrupt(name: name, at: compressedOffset, "a frame header that cannot be read")
                }
                guard header.windowSize <= UInt64(windowLimit) else {
                    throw InputError(file: name, byteOffset: compressedOffset, message:
                        "a zstd frame at byte \(compressedOffset) has a window of \(header.windowSize) bytes, more than in-place decoding allows")
                }
                windowSize = Int(header.windowSize)
                blockSizeMax = Int(header.blockSizeMax)
                let begun = ZSTD_decompressBegin(dctx)
                guard ZSTD_isError(begun) == 0 else {
                    throw InputError(file: name, message: "cannot start zstd decompression: \(String(cString: ZSTD_getErrorName(begun)))")
                }
                inFrame = true
                frameBeginsHere = true
            }
            let need = ZSTD_nextSrcSizeToDecompress(dctx)
            if need == 0 {
                inFrame = false  // the frame is done (its checksum checked, when it has one)
                continue
            }
            let kind = ZSTD_nextInputType(dctx)
            let room = buffer.count - written
            if (kind == ZSTDnit_block || kind == ZSTDnit_lastBlock) && room < blockSizeMax { return written }
            guard try stage(need) else {
                throw InputError(file: name, byteOffset: compressedOffset, message:
                    "zstd data truncated at byte \(compressedOffset) (the file ends inside a frame)")
            }
            let dst = base + written
            if let start = stretchStart, let end = stretchEnd, dst != end, dst < end, dst + room > start {
                // The new buffer would overwrite the stretch zstd refers back into: never guess.
                throw InputError(file: name, byteOffset: compressedOffset, message:
                    "zstd data cannot be decoded in place here: the next block overlaps the last")
            }
            if dst != stretchEnd {
                // A new stretch: back-references may reach a window back into the last one,
                // which must then hold a window of this frame, or the whole frame so far.
                if inFrame, !frameBeginsHere, !frameInStretch, let start = stretchStart, let end = stretchEnd,
                   end - start < windowSize {
                    throw InputError(file: name, byteOffset: compressedOffset, message:
                        "zstd data cannot be decoded in place here: \(end - start) bytes in the last block, less than the window (\(windowSize))")
                }
                stretchStart = dst
                frameInStretch = frameBeginsHere
            } else if frameBeginsHere {
                frameInStretch = true
            }
            frameBeginsHere = false
            let rc = ZSTD_decompressContinue(dctx, dst, room, staged, need)
            if ZSTD_isError(rc) != 0 {
                throw Self.corrupt(name: name, at: compressedOffset, String(cString: ZSTD_getErrorName(rc)))
            }
            consume(need)
            written += rc
            stretchEnd = dst + rc
        }
    }

    /// Passes over skippable frames (`5? 2a 4d 18`, then a 4-byte size, then that many bytes).
    private func skipSkippableFrames(name: String) throws {
        while try stage(8) {
            guard Self.isSkippableMagic(staged) else { return }
            var left = 8 + Int(UInt32(littleEndian: staged.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
            while left > 0 {
                guard try stage(1) else {
                    throw InputError(file: name, byteOffset: compressedOffset, message:
                        "zstd data truncated at byte \(compressedOffset) (the file ends inside a skippable frame)")
                }
                let k = min(left, stagedCount)
                consume(k)
                left -= k
            }
        }
    }
}
