import Testing
import JourneyCore
import JourneyIO

/// `CarriageReturnByteSource` reads every CR not followed by LF as LF and leaves CRLF alone
/// (a CR last in one read and its LF first in the next become one LF), whatever the size of
/// the reads; `CarriageReturnLineEnds.inText` tells CR-only text from CRLF and LF text by its
/// first line break outside quotes.
@Suite struct CarriageReturnLineEndsTests {
    /// A source handing out at most `step` bytes per read.
    struct Trickle: ByteSource {
        var inner: MemoryByteSource
        let step: Int
        var name: String { inner.name }
        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(step, buffer.count)]))
        }
    }

    static func readAll(_ text: String, step: Int, bufferSize: Int) throws -> String {
        var source = CarriageReturnByteSource(wrapping: Trickle(inner: MemoryByteSource(Array(text.utf8)), step: step))
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            out += buffer[..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test(arguments: [1, 2, 3, 5, 64])
    func everyLoneCRBecomesLFAndCRLFStays(step: Int) throws {
        let text = "a,b\rc,\"d\re\"\r\rf\r\ng\r"
        let expected = "a,b\nc,\"d\ne\"\n\nf\r\ng\n"
        // A read ending between CR and LF gives LF for the pair: one line end to the readers.
        func lines(_ s: String) -> String { s.replacingOccurrences(of: "\r\n", with: "\n") }
        #expect(lines(try Self.readAll(text, step: step, bufferSize: 64)) == lines(expected))
        #expect(lines(try Self.readAll(text, step: 64, bufferSize: step)) == lines(expected))
        #expect(try Self.readAll(text, step: 64, bufferSize: 64) == expected)
        // A CR ending one read and its LF starting the next: one line end, LF.
        #expect(try Self.readAll("ab\r\ncd", step: 3, bufferSize: 64) == "ab\ncd")
        #expect(try Self.readAll("\r\n", step: 1, bufferSize: 1) == "\n")
    }

    @Test func firstLineBreakTellsTheLineEnds() {
        func check(_ text: String) -> Bool { Array(text.utf8).withUnsafeBytes { CarriageReturnLineEnds.inText($0) } }
        #expect(check("case,activity\r1,a\r"))
        #expect(!check("case,activity\r\n1,a\r\n"))
        #expect(!check("case,activity\n1,a\r2,b\n"))
        // A CR inside quotes in the header is a name's, not a line end.
        #expect(!check("\"case\rid\",activity\n1,a\n"))
        #expect(check("\"case\r\nid\",activity\r1,a\r"))
        // No line break in the head, or a CR last in it: not known to be CR-only.
        #expect(!check("case,activity"))
        #expect(!check("case,activity\r"))
        // UTF-16 (a NUL beside the CR) is not read as bytes here.
        #expect(!check("a\0\r\0\n\0"))
    }
}
