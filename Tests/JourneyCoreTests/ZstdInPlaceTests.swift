import Foundation
import Testing
import JourneyCore
import JourneyIO
import JourneyZstd

/// zstd data decoded straight into a `LineBlockPipeline`'s blocks (`InPlaceDecoding`) comes out
/// byte for byte as written: small and large windows (those over half a block are decoded the
/// streaming way), several frames, skippable frames anywhere, any block size and slot count;
/// corrupt or truncated data ends the pipeline with an error, as the streaming decoder does.
@Suite struct ZstdInPlaceTests {
    /// Lines of varied length, some long, a fixed sequence.
    static let text: [UInt8] = {
        var out: [UInt8] = []
        var state: UInt64 = 7
        for i in 0..<60_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let width = Int(state >> 58) + (i % 997 == 0 ? 3000 : 0)
            out += Array("u\(state % 5000),event_\(state >> 60),2024-01-\(10 + i % 20)T10:00:00Z,".utf8)
            out += (0..<width).map { UInt8(97 + ($0 * 7 + Int(state >> 40)) % 26) }
            out.append(0x0a)
        }
        return out
    }()

    /// `zstd` with `arguments` on `bytes`; nil when the command is missing.
    static func zstd(_ bytes: [UInt8], _ arguments: [String]) throws -> [UInt8]? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zstd") else { return nil }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jm-zstd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in"), output = dir.appendingPathComponent("out")
        try Data(bytes).write(to: input)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/zstd")
        p.arguments = ["-q", "-f"] + arguments + [input.path, "-o", output.path]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return [UInt8](try Data(contentsOf: output))
    }

    /// A skippable frame of `n` bytes of content.
    static func skippable(_ n: Int) -> [UInt8] {
        [0x53, 0x2a, 0x4d, 0x18] + withUnsafeBytes(of: UInt32(n).littleEndian, Array.init) + [UInt8](repeating: 0xee, count: n)
    }

    /// The pipeline's blocks, concatenated, and its failure.
    static func decode(_ compressed: [UInt8], blockSize: Int, slots: Int) throws -> ([UInt8], (any Error)?) {
        let source = try ZstdByteSource(wrapping: MemoryByteSource(compressed, name: "test.zst"))
        let pipeline = LineBlockPipeline(source: source, blockSize: blockSize, slotCount: slots)
        var out: [UInt8] = []
        while let block = pipeline.next() {
            out += block.bytes
            pipeline.release(block)
        }
        pipeline.waitForFiller()
        return (out, pipeline.failure)
    }

    /// Whether a fresh source over `compressed` decodes in place with blocks of `blockSize`.
    static func inPlace(_ compressed: [UInt8], blockSize: Int) throws -> Bool {
        var source = try ZstdByteSource(wrapping: MemoryByteSource(compressed, name: "test.zst"))
        return try source.decodesInPlace(blockSize: blockSize)
    }

    @Test(arguments: [(["--zstd=wlog=17", "-3"], 1 << 20, true), (["--zstd=wlog=17", "-1"], 256 << 10, true),
                      (["--zstd=wlog=16", "-19"], 300 << 10, true), (["--zstd=wlog=20", "-3"], 256 << 10, false),
                      (["--zstd=wlog=17", "-3", "-B64KiB", "-T2"], 512 << 10, true)])
    func decodesAsWritten(arguments: [String], blockSize: Int, expectInPlace: Bool) throws {
        guard let compressed = try Self.zstd(Self.text, arguments) else { return }
        #expect(try Self.inPlace(compressed, blockSize: blockSize) == expectInPlace)
        for slots in [2, 4] {
            let (out, failure) = try Self.decode(compressed, blockSize: blockSize, slots: slots)
            #expect(failure == nil)
            let same = out == Self.text  // (not in the expectation: a diff of 4 MB takes minutes)
            #expect(same, "\(arguments), block \(blockSize), \(slots) slots: \(out.count) bytes of \(Self.text.count)")
        }
    }

    /// Frames one after the other, with skippable frames before, between and after them.
    @Test func severalFramesAndSkippableOnes() throws {
        let half = Self.text.count / 2
        let cut = Self.text[..<half].lastIndex(of: 0x0a)! + 1
        guard let a = try Self.zstd(Array(Self.text[..<cut]), ["--zstd=wlog=17", "-3"]),
              let b = try Self.zstd(Array(Self.text[cut...]), ["--zstd=wlog=15", "-1"]) else { return }
        let compressed = Self.skippable(10) + a + Self.skippable(0) + Self.skippable(70_000) + b + Self.skippable(3)
        #expect(try Self.inPlace(compressed, blockSize: 512 << 10))
        let (out, failure) = try Self.decode(compressed, blockSize: 512 << 10, slots: 3)
        #expect(failure == nil)
        let same = out == Self.text
        #expect(same, "\(out.count) bytes of \(Self.text.count)")
    }

    /// Skippable frames alone decode to nothing, without an error (as the streaming decoder).
    @Test func onlySkippableFramesDecodeToNothing() throws {
        let (out, failure) = try Self.decode(Self.skippable(5) + Self.skippable(0), blockSize: 64 << 10, slots: 2)
        #expect(failure == nil)
        #expect(out.isEmpty)
    }

    /// A later frame with a window over half a block cannot be decoded in place: the pipeline
    /// fails (the caller reads the file again the general way), it does not guess.
    @Test func aLaterFrameWithALargerWindowFails() throws {
        guard let a = try Self.zstd(Array(Self.text[..<1000].prefix { _ in true }), ["--zstd=wlog=15"]),
              let b = try Self.zstd(Self.text, ["--zstd=wlog=22"]) else { return }
        let (_, failure) = try Self.decode(a + b, blockSize: 256 << 10, slots: 3)
        #expect(failure is InputError)
    }

    /// Lines of up to a third of a block: the bytes carried into a block leave less than a
    /// window decoded in it at times, and the next block's references would reach past it;
    /// then the pipeline fails (and the caller reads the file the general way), it never gives
    /// wrong bytes.
    @Test func longLinesNeverGiveWrongBytes() throws {
        var text: [UInt8] = []
        var state: UInt64 = 11
        for _ in 0..<200 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let width = 2000 + Int(state >> 50) % 20_000
            text += (0..<width).map { UInt8(97 + ($0 * 13 + Int(state >> 44)) % 26) }
            text.append(0x0a)
        }
        guard let compressed = try Self.zstd(text, ["--zstd=wlog=15", "-3"]) else { return }
        var failures = 0
        for blockSize in [64 << 10, 70 << 10, 96 << 10] {
            let (out, failure) = try Self.decode(compressed, blockSize: blockSize, slots: 2)
            if failure != nil { failures += 1; continue }
            let same = out == text
            #expect(same, "block \(blockSize): \(out.count) bytes of \(text.count)")
        }
        #expect(failures < 3, "some block size decodes it")
    }

    @Test func corruptAndTruncatedDataFail() throws {
        guard let compressed = try Self.zstd(Self.text, ["--zstd=wlog=17", "-3"]) else { return }
        var corrupt = compressed
        for i in stride(from: compressed.count / 3, to: compressed.count / 3 + 64, by: 1) { corrupt[i] ^= 0x5a }
        let truncated = Array(compressed[..<(compressed.count * 2 / 3)])
        let trailing = compressed + [1, 2, 3, 4, 5, 6, 7, 8, 9]
        for (name, bytes) in [("corrupt", corrupt), ("truncated", truncated), ("trailing", trailing)] {
            let (_, failure) = try Self.decode(bytes, blockSize: 1 << 20, slots: 3)
            #expect(failure is InputError, "\(name)")
        }
    }
}
