import JourneyScene

/// Touchpoint and flow groups for an SVG that has none (Cairo's glyph-outline SVG): one
/// transparent shape per touchpoint box and per flow, from the scene's tags, laid over the
/// picture so the page's tooltips, selection, search and slider work on it too. Fading and
/// cutting paint the background colour over what the shape covers (the page's CSS).
///
/// Groups follow the semantic SVG's scheme: `<g class="touchpoint" data-name>` and
/// `<g class="flow" data-from data-to>`, each with a `<title>`.
enum HTMLOverlay {
    /// The overlay's markup, empty when the scene has no tagged touchpoints or flows.
    /// - Complexity: O(n) in the scene's items.
    static func markup(for scene: Scene) -> String {
        var boxes: [String: [Rect]] = [:], boxOrder: [String] = []
        var flows: [String: (from: String, to: String, shapes: [String])] = [:], flowOrder: [String] = []
        for item in scene.items {
            guard let tag = item.tag else { continue }
            switch (tag.role, item) {
            case (.touchpointBox, .rect(let r)):
                if boxes[tag.id] == nil { boxOrder.append(tag.id) }
                boxes[tag.id, default: []].append(r.frame)
            case (.edgePath, .path(let p)), (.arrowhead, .path(let p)):
                guard let from = tag.from, let to = tag.to else { continue }
                if flows[tag.id] == nil { flowOrder.append(tag.id); flows[tag.id] = (from, to, []) }
                let width = (p.stroke?.width ?? 1) + 3
                var shape = "<path d=\"\(pathData(p.segments))\" fill=\"none\" stroke-width=\"\(number(width))\"/>"
                if let arrow = p.arrowAtEnd, let head = ArrowHead(endOf: p.segments, length: arrow.length, width: arrow.width) {
                    let pts = [head.tip, head.left, head.right].map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
                    shape += "<polygon points=\"\(pts)\" stroke-width=\"2\"/>"
                }
                flows[tag.id]!.shapes.append(shape)
            case (.edgeLabel, .text(let t)):
                guard let from = tag.from, let to = tag.to else { continue }
                if flows[tag.id] == nil { flowOrder.append(tag.id); flows[tag.id] = (from, to, []) }
                let f = t.frame.insetBy(dx: -1.5, dy: -1.5)
                flows[tag.id]!.shapes.append("<rect x=\"\(number(f.x))\" y=\"\(number(f.y))\" width=\"\(number(f.width))\" height=\"\(number(f.height))\"/>")
            default: continue
            }
        }
        guard !boxOrder.isEmpty || !flowOrder.isEmpty else { return "" }
        var out = "<g class=\"jm-overlay\">"
        for id in flowOrder {
            let f = flows[id]!
            out += "<g class=\"flow\" data-from=\"\(esc(f.from))\" data-to=\"\(esc(f.to))\"><title>\(esc(f.from)) → \(esc(f.to))</title>"
            out += f.shapes.joined() + "</g>"
        }
        for name in boxOrder {
            out += "<g class=\"touchpoint\" data-name=\"\(esc(name))\"><title>\(esc(name))</title>"
            for r in boxes[name]! {
                out += "<rect x=\"\(number(r.x))\" y=\"\(number(r.y))\" width=\"\(number(r.width))\" height=\"\(number(r.height))\"/>"
            }
            out += "</g>"
        }
        return out + "</g>"
    }

    /// The SVG with the overlay before its closing tag, unchanged when it already has
    /// touchpoint or flow groups or the scene has nothing tagged.
    static func added(to svg: [UInt8], scene: Scene) -> [UInt8] {
        let text = String(decoding: svg, as: UTF8.self)
        guard !text.contains("class=\"touchpoint\""), !text.contains("class=\"flow\""),
              let close = text.range(of: "</svg>", options: .backwards) else { return svg }
        let overlay = markup(for: scene)
        guard !overlay.isEmpty else { return svg }
        return Array((String(text[..<close.lowerBound]) + overlay + String(text[close.lowerBound...])).utf8)
    }

    static func pathData(_ segments: [PathSegment]) -> String {
        segments.map { s -> String in
            switch s {
            case .move(let p): return "M\(number(p.x)) \(number(p.y))"
            case .line(let p): return "L\(number(p.x)) \(number(p.y))"
            case .curve(let c1, let c2, let to):
                return "C\(number(c1.x)) \(number(c1.y)) \(number(c2.x)) \(number(c2.y)) \(number(to.x)) \(number(to.y))"
            case .close: return "Z"
            }
        }.joined()
    }

    /// At most two decimals, no trailing zeros: `12`, `12.5`, `12.25`.
    static func number(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        if r == r.rounded(), abs(r) < 1e15 { return String(Int(r)) }
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }

    static func esc(_ s: String) -> String { SVGMetadata.escaped(s) }
}
