import JourneyCore
#if canImport(Glibc)
import Glibc
#endif

/// A log in another text encoding, turned into UTF-8 as it is read, by the C library's
/// `iconv` (glibc's converters: every name `iconv -l` lists): Thai exports in Windows-874
/// (TIS-620), Western ones in Windows-1252, Excel's "Unicode text" in UTF-16 (`--encoding`;
/// UTF-16 with a byte order mark is recognised without it, `LogTextEncoding`).
///
/// The readers see the UTF-8 text only: lines keep their numbers (every encoding read here
/// writes a line break as one), byte offsets in their messages are the UTF-8 text's.
public struct TranscodingByteSource<Inner: ByteSource>: ByteSource {
    private var inner: Inner
    private let converter: TextConverter
    /// Bytes read from `inner` and not converted yet: `input[inputStart..<inputEnd]`.
    private var input: UnsafeMutablePointer<UInt8> { converter.input }
    private var inputStart = 0, inputEnd = 0
    /// Bytes of `inner` before `input[0]` (for the position of a byte that cannot be converted).
    private var inputOffset = 0
    /// Line breaks in the bytes of `inner` before `input[0]` (for encodings whose line break
    /// is the byte 0A and no other character holds it: all but UTF-16 and UTF-32).
    private var linesBefore = 0
    private var innerEnded = false
    private var finished = false
    /// Whether the first bytes were checked for being UTF-8 already (`LogTextEncoding.alreadyUTF8`).
    private var checkedStart = false
    /// The encoding as given (shown in messages).
    public let encoding: String
    /// Whether `--encoding` named it (else a byte order mark did).
    public let given: Bool
    /// A byte the encoding has no character for becomes the byte FF, which is never UTF-8, so
    /// the readers' check judges its row as any text that is not UTF-8 (`--on-error skip`
    /// leaves it out, counted as "not UTF-8"); else it stops the reading.
    public let replacesInvalid: Bool
    public var name: String { inner.name }

    /// Throws when iconv does not know `encoding`.
    public init(wrapping inner: Inner, encoding: String, given: Bool = true, replacesInvalid: Bool = false) throws {
        self.inner = inner
        self.encoding = encoding
        self.given = given
        self.replacesInvalid = replacesInvalid
        guard let converter = TextConverter(from: encoding) else {
            throw InputError(file: inner.name, message: "--encoding \(encoding): not an encoding this system's iconv knows "
                + "(iconv -l lists them; e.g. windows-874 for Thai, windows-1252, utf-16)")
        }
        self.converter = converter
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if converter.pendingCount > 0 { return handOutPending(into: buffer) }
        guard !finished else { return 0 }
        var needMore = false
        while true {
            if !innerEnded && (needMore || inputEnd - inputStart < TextConverter.longestCharacter) {
                try refill()
                needMore = false
            }
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(input + inputStart).assumingMemoryBound(to: CChar.self)
            var inLeft = inputEnd - inputStart
            var outPointer: UnsafeMutablePointer<CChar>? = out.assumingMemoryBound(to: CChar.self)
            var outLeft = buffer.count
            let atEnd = inLeft == 0
            // At the end, a null input asks a stateful converter to write what it still holds.
            let rc = atEnd ? iconv(converter.descriptor, nil, nil, &outPointer, &outLeft)
                           : iconv(converter.descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
            let problem = rc == -1 ? errno : 0
            inputStart = inputEnd - inLeft
            let written = buffer.count - outLeft
            if problem == EILSEQ {
                guard replacesInvalid else { throw notInEncoding() }
                if outLeft > 0 {
                    // One unit of the encoding left out (a byte; two or four in UTF-16 and UTF-32), FF written.
                    outPointer![0] = CChar(bitPattern: 0xFF)
                    inputStart = min(inputEnd, inputStart + LogTextEncoding.codeUnitBytes(encoding))
                    return written + 1
                }
            }
            if written > 0 { return written }
            if atEnd && problem == 0 { finished = true; return 0 }
            switch problem {
            case 0: continue  // input taken without output (a byte order mark): read on
            case EINVAL:
                // The input ends inside a character: more is needed, unless the file has ended.
                guard !innerEnded else {
                    throw InputError(file: name, byteOffset: inputOffset + inputStart, message:
                        "the file ends inside a character of \(encoding) (\(inputEnd - inputStart == 1 ? "1 byte" : "\(inputEnd - inputStart) bytes") left over)"
                        + (given ? "; is --encoding \(encoding) right?" : ""))
                }
                needMore = true
            case E2BIG:
                // A buffer too small for one character: convert into `pending`, hand out its start.
                let n = try read(into: UnsafeMutableRawBufferPointer(start: converter.pending, count: TextConverter.pendingCapacity))
                converter.pendingStart = 0
                converter.pendingCount = n
                return handOutPending(into: buffer)
            default:
                throw InputError(file: name, byteOffset: inputOffset + inputStart, message:
                    "cannot convert from \(encoding): \(String(cString: strerror(problem)))")
            }
        }
    }

    private func handOutPending(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let n = min(buffer.count, converter.pendingCount - converter.pendingStart)
        buffer.baseAddress!.copyMemory(from: converter.pending + converter.pendingStart, byteCount: n)
        converter.pendingStart += n
        if converter.pendingStart == converter.pendingCount { converter.pendingCount = 0 }
        return n
    }

    /// Reads more of `inner` behind the bytes not converted yet.
    private mutating func refill() throws {
        if inputStart > 0 {
            let left = inputEnd - inputStart
            linesBefore += Self.lineBreaks(input, inputStart)
            (input).update(from: input + inputStart, count: left)
            inputOffset += inputStart
            inputStart = 0
            inputEnd = left
        }
        while !innerEnded && inputEnd < TextConverter.inputCapacity {
            let n = try inner.read(into: UnsafeMutableRawBufferPointer(start: input + inputEnd, count: TextConverter.inputCapacity - inputEnd))
            // The first time, the buffer is filled (to judge the start: `checkedStart`).
            if n == 0 { innerEnded = true } else { inputEnd += n; if checkedStart { break } }
        }
        if !checkedStart {
            checkedStart = true
            if LogTextEncoding.alreadyUTF8(UnsafeRawBufferPointer(start: input, count: inputEnd), claimed: encoding) {
                throw InputError(file: name, line: 1, message: "--encoding \(encoding): the file is UTF-8 already (its first lines read as UTF-8 "
                    + "text\(LogTextEncoding.isWide(encoding) ? "" : " beyond ASCII")), and converting it from \(encoding) would garble its names; leave out --encoding")
            }
        }
    }

    private static func lineBreaks(_ bytes: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
        UnsafeBufferPointer(start: bytes, count: count).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// The error for the byte at `inputStart`, which is no character of `encoding`.
    private func notInEncoding() -> InputError {
        let shown = (0..<min(4, inputEnd - inputStart)).map { TextEncodingCheck.hex(input[inputStart + $0]) }.joined(separator: " ")
        let line = LogTextEncoding.isWide(encoding) ? nil : linesBefore + Self.lineBreaks(input, inputStart) + 1
        return InputError(file: name, line: line, byteOffset: inputOffset + inputStart, message:
            "the bytes \(shown) are not \(encoding) text" + (given
                ? "; is --encoding \(encoding) right? (without it journeymap reads UTF-8 and names the encoding the text looks like)"
                : " (the file starts with \(encoding)'s byte order mark); correct the file, or leave such rows out with --on-error skip"))
    }
}

/// The iconv descriptor and the buffers, closed and freed with the last copy of the source
/// (a source is read through one copy: copies share these).
private final class TextConverter {
    static let inputCapacity = 1 << 16
    /// More than the longest character of any encoding (UTF-8 and GB18030: 4 bytes).
    static let longestCharacter = 8
    let descriptor: iconv_t
    let input = UnsafeMutablePointer<UInt8>.allocate(capacity: inputCapacity)
    /// Output of a read into a buffer too small for a character, not handed out yet.
    static let pendingCapacity = longestCharacter * 4
    let pending = UnsafeMutablePointer<UInt8>.allocate(capacity: pendingCapacity)
    var pendingStart = 0, pendingCount = 0

    init?(from encoding: String) {
        let cd = iconv_open("UTF-8", LogTextEncoding.iconvName(encoding))
        guard let cd, cd != iconv_t(bitPattern: -1) else {
            input.deallocate(); pending.deallocate()
            return nil
        }
        descriptor = cd
    }

    deinit {
        iconv_close(descriptor)
        input.deallocate()
        pending.deallocate()
    }
}
