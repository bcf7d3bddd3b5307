/// Where a JSON text first breaks the grammar, as `line N, column M: what`: Foundation's
/// decoder only says "The given data was not valid JSON." A plain recursive-descent pass that
/// builds nothing; used only after decoding failed.
struct JSONSyntaxLocator {
    private let b: [UInt8]
    private var p = 0

    /// The first syntax problem in `bytes`, nil when the text is valid JSON.
    static func firstProblem(in bytes: [UInt8]) -> String? {
        var s = JSONSyntaxLocator(b: bytes)
        do throws(Problem) {
            s.space()
            try s.value(depth: 0)
            s.space()
            if s.p < bytes.count { throw s.problem("text after the end of the JSON value") as Problem }
            return nil
        } catch {
            return error.message
        }
    }

    private init(b: [UInt8]) { self.b = b }

    struct Problem: Error { var message: String }

    private func problem(_ what: String) -> Problem {
        var line = 1, column = 1
        for c in b[..<min(p, b.count)] {
            if c == 0x0a { line += 1; column = 1 } else if c & 0xc0 != 0x80 { column += 1 }
        }
        return Problem(message: "line \(line), column \(column): \(what)")
    }

    private var found: String {
        guard p < b.count else { return "the end of the file" }
        var end = p
        while end < b.count, end - p < 12, ![0x2c, 0x7d, 0x5d, 0x0a, 0x20].contains(b[end]) { end += 1 }
        return "\"\(String(decoding: b[p..<max(end, p + 1)], as: UTF8.self))\""
    }

    private mutating func space() {
        while p < b.count, [0x20, 0x09, 0x0a, 0x0d].contains(b[p]) { p += 1 }
    }

    private mutating func value(depth: Int) throws(Problem) {
        guard depth < 512 else { throw problem("nested deeper than 512 levels") }
        guard p < b.count else { throw problem("expected a value, found the end of the file") }
        switch b[p] {
        case UInt8(ascii: "{"):
            p += 1; space()
            if p < b.count, b[p] == UInt8(ascii: "}") { p += 1; return }
            while true {
                guard p < b.count, b[p] == UInt8(ascii: "\"") else { throw problem("expected a key in double quotes, found \(found)") }
                try string()
                space()
                guard p < b.count, b[p] == UInt8(ascii: ":") else { throw problem("expected ':' after the key, found \(found)") }
                p += 1; space()
                try value(depth: depth + 1)
                space()
                guard p < b.count else { throw problem("an object is not closed with '}'") }
                if b[p] == UInt8(ascii: "}") { p += 1; return }
                guard b[p] == UInt8(ascii: ",") else { throw problem("expected ',' or '}', found \(found)") }
                p += 1; space()
            }
        case UInt8(ascii: "["):
            p += 1; space()
            if p < b.count, b[p] == UInt8(ascii: "]") { p += 1; return }
            while true {
                try value(depth: depth + 1)
                space()
                guard p < b.count else { throw problem("an array is not closed with ']'") }
                if b[p] == UInt8(ascii: "]") { p += 1; return }
                guard b[p] == UInt8(ascii: ",") else { throw problem("expected ',' or ']', found \(found)") }
                p += 1; space()
            }
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default:
            for word in ["true", "false", "null"] where b[p...].starts(with: word.utf8) { p += word.utf8.count; return }
            throw problem("expected a value, found \(found) (NaN and Infinity are not JSON numbers)")
        }
    }

    private mutating func string() throws(Problem) {
        let start = p
        p += 1
        while p < b.count {
            switch b[p] {
            case UInt8(ascii: "\""): p += 1; return
            case UInt8(ascii: "\\"): p += 2
            case 0..<0x20: throw problem("a control character inside a string")
            default: p += 1
            }
        }
        p = start
        throw problem("a string starting here is never closed")
    }

    private mutating func number() throws(Problem) {
        let start = p
        if b[p] == UInt8(ascii: "-") { p += 1 }
        func digits() -> Int {
            let s = p
            while p < b.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[p]) { p += 1 }
            return p - s
        }
        guard digits() > 0 else { throw problem("expected a number, found \(found) (NaN and Infinity are not JSON numbers)") }
        if p < b.count, b[p] == UInt8(ascii: ".") {
            p += 1
            guard digits() > 0 else { throw problem("expected digits after the decimal point") }
        }
        if p < b.count, b[p] | 0x20 == UInt8(ascii: "e") {
            p += 1
            if p < b.count, b[p] == UInt8(ascii: "+") || b[p] == UInt8(ascii: "-") { p += 1 }
            guard digits() > 0 else { throw problem("expected digits in the exponent") }
        }
        _ = start
    }
}
