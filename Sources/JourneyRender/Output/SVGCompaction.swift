/// Shortens the numbers in Cairo's SVG: Cairo writes six decimals (`x="95.772461"`,
/// `rgb(43.137255%,…)`), far below anything visible. Rounding to hundredths of a point (and
/// thousandths inside glyph `<symbol>`s, whose outlines are small) made the 23-touchpoint map's
/// SVG 346 KB → about 250 KB with no visible change (rsvg-convert renders it at the same size;
/// the largest pixel difference is anti-aliasing).
///
/// Cairo's SVG holds no user text (text is drawn as glyph outlines), so only numbers are touched;
/// run this before the `<title>`/`<desc>` are inserted.
enum SVGCompaction {
    /// - Complexity: O(n) in the size of the document.
    static func compacted(_ svg: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(svg.count)
        let symbolOpen = Array("<symbol".utf8), symbolClose = Array("</symbol>".utf8)
        var inSymbol = false
        var i = 0
        let n = svg.count
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        func isWordByte(_ b: UInt8) -> Bool { isDigit(b) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b == 46 }
        while i < n {
            let b = svg[i]
            if b == 60 {  // "<"
                if svg[i...].starts(with: symbolOpen) { inSymbol = true } else if svg[i...].starts(with: symbolClose) { inSymbol = false }
            }
            // A number starts at a digit not preceded by a letter, digit, "_" or "." (so ids like
            // glyph0-1 and version="1.1" stay whole: "1.1" has one decimal anyway).
            guard isDigit(b), i == 0 || !isWordByte(svg[i - 1]) else { out.append(b); i += 1; continue }
            var j = i
            while j < n, isDigit(svg[j]) { j += 1 }
            guard j + 1 < n, svg[j] == 46, isDigit(svg[j + 1]) else { out.append(contentsOf: svg[i..<j]); i = j; continue }
            var k = j + 1
            while k < n, isDigit(svg[k]) { k += 1 }
            let keep = inSymbol ? 3 : 2
            if k - j - 1 <= keep { out.append(contentsOf: svg[i..<k]); i = k; continue }
            out.append(contentsOf: rounded(integer: svg[i..<j], fraction: svg[(j + 1)..<k], keep: keep))
            i = k
        }
        return out
    }

    /// Decimal rounding (half up) of `integer.fraction` to `keep` places, trailing zeros dropped.
    static func rounded(integer: ArraySlice<UInt8>, fraction: ArraySlice<UInt8>, keep: Int) -> [UInt8] {
        var digits = Array(integer) + Array(fraction.prefix(keep))
        let intCount = integer.count
        if fraction[fraction.startIndex + keep] >= 53 {  // next digit ≥ 5: carry
            var p = digits.count - 1
            while p >= 0 {
                if digits[p] == 57 { digits[p] = 48; p -= 1 } else { digits[p] += 1; break }
            }
            if p < 0 { digits.insert(49, at: 0) }
        }
        let newIntCount = digits.count - keep
        var result = Array(digits[0..<newIntCount])
        var frac = Array(digits[newIntCount...])
        while let last = frac.last, last == 48 { frac.removeLast() }
        if !frac.isEmpty { result.append(46); result += frac }
        _ = intCount
        return result
    }
}
