/// Makes Cairo's SVG element ids independent of what else the process has drawn.
///
/// Cairo 1.16 names the page group `surfaceN` and embedded images `imageN` after a
/// process-wide counter of surfaces, so the second render of the same scene in one process
/// would say `surface6` where the first said `surface1`. Ids are renumbered 1, 2, 3, … per
/// prefix in order of first appearance, in definitions (`id="…"`) and references (`#…`) alike.
enum SVGIdentifiers {
    static let prefixes = ["surface", "image"].map { Array($0.utf8) }

    /// - Complexity: O(n) in the size of the document.
    static func renumbered(_ svg: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(svg.count)
        var maps = Array(repeating: [ArraySlice<UInt8>: Int](), count: prefixes.count)
        var i = 0
        let quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#")
        scan: while i < svg.count {
            let byte = svg[i]
            out.append(byte)
            i += 1
            guard byte == quote || byte == hash else { continue }
            for (p, prefix) in prefixes.enumerated() where svg[i...].starts(with: prefix) {
                let digitsStart = i + prefix.count
                var end = digitsStart
                while end < svg.count, svg[end] >= 48, svg[end] <= 57 { end += 1 }
                guard end > digitsStart, end < svg.count, svg[end] == quote || svg[end] == UInt8(ascii: ")") else { continue }
                let old = svg[digitsStart..<end]
                let new = maps[p][old] ?? (maps[p].count + 1)
                maps[p][old] = new
                out += prefix
                out += Array(String(new).utf8)
                i = end
                continue scan
            }
        }
        return out
    }
}
