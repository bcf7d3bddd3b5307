import JourneyScene

/// The replay as one animated SVG: the semantic SVG of the map (its first frame is the static
/// map, the clock at the span's start), with SMIL animation only — no script — so it plays in
/// browsers and in slide tools that show SVG: each token a `<circle>` moved by
/// `<animateMotion>` through its keys (linear between them, the times as `keyTimes`) and shown
/// by a discrete `visibility` animation; each box's glow a discrete `opacity` animation; the
/// clock one `<text>` group per label, each visible in its turn; the progress bar a growing
/// `width`. Every animation has the replay's duration and repeats, so they stay together.
public func renderReplaySVG(_ replay: ReplayAnimation) throws -> [UInt8] {
    var scene = replay.scene
    var extras = SVGExtras()
    let d = replay.duration
    let dur = " dur=\"\(AnimatedSVG.seconds(d))s\" repeatCount=\"indefinite\""
    // The clock: runs of equal labels, each a text group shown while its run lasts.
    let labels = replay.clock.labels
    var runs: [(text: String, from: Int, to: Int)] = []
    for (i, l) in labels.enumerated() {
        if let last = runs.last, last.text == l { runs[runs.count - 1].to = i + 1 } else { runs.append((l, i, i + 1)) }
    }
    for (k, run) in runs.enumerated() {
        let id = "replay-clock-\(k)"
        scene.items.append(.text(replay.clock.item(run.text, tag: SceneTag(.note, id))))
        let a = Double(run.from) / Double(labels.count), b = Double(run.to) / Double(labels.count)
        extras.groupAttributes[id] = run.from == 0 ? "" : " visibility=\"hidden\""
        extras.groupChildren[id] = "<animate attributeName=\"visibility\"\(dur) calcMode=\"discrete\""
            + AnimatedSVG.visibility(appear: a, vanish: b) + "/>\n"
    }
    var t = "<g id=\"replay\" class=\"replay\">\n"
    // Progress bar.
    let track = replay.progressTrack
    t += "<rect x=\"\(n(track.x))\" y=\"\(n(track.y))\" width=\"0\" height=\"\(n(track.height))\" rx=\"\(n(track.height / 2))\""
    t += SemanticSVGWriter.paint("fill", replay.progressColor)
    t += "><animate attributeName=\"width\"\(dur) calcMode=\"linear\" values=\"0;\(n(track.width))\" keyTimes=\"0;1\"/></rect>\n"
    // Box glows.
    for p in replay.pulses where p.levels.contains(where: { $0 > 0 }) {
        var times: [String] = [], values: [String] = []
        var last = -1.0
        for (i, level) in p.levels.enumerated() where level != last {
            times.append(AnimatedSVG.fraction(Double(i) / Double(p.levels.count)))
            values.append(SVGNumber.opacity(level) ?? "1")
            last = level
        }
        let f = p.frame.insetBy(dx: -2, dy: -2)
        t += "<rect class=\"replay-pulse\" data-touchpoint=\"\(SemanticSVGWriter.escaped(p.touchpoint))\" x=\"\(n(f.x))\" y=\"\(n(f.y))\" width=\"\(n(f.width))\" height=\"\(n(f.height))\""
        if p.cornerRadius > 0 { t += " rx=\"\(n(p.cornerRadius + 2))\"" }
        t += " fill=\"none\"" + SemanticSVGWriter.paint("stroke", p.color) + " stroke-width=\"3\" opacity=\"\(values[0])\">"
        t += "<animate attributeName=\"opacity\"\(dur) calcMode=\"discrete\" keyTimes=\"\(times.joined(separator: ";"))\" values=\"\(values.joined(separator: ";"))\"/></rect>\n"
    }
    // Tokens.
    t += "<g class=\"replay-tokens\" fill-opacity=\"0.85\">\n"
    for token in replay.tokens where !token.keys.isEmpty {
        var keys = token.keys
        if keys[0].time > 0 { keys.insert(ReplayKey(time: 0, point: keys[0].point), at: 0) }
        if keys[keys.count - 1].time < d { keys.append(ReplayKey(time: d, point: keys[keys.count - 1].point)) }
        var times: [String] = [], values: [String] = []
        for key in keys {
            let f = AnimatedSVG.fraction(min(1, key.time / d))
            let v = "\(n(key.point.x)),\(n(key.point.y))"
            if let lastTime = times.last, lastTime == f { values[values.count - 1] = v; continue }
            times.append(f); values.append(v)
        }
        if times.count == 1 { times.append("1"); values.append(values[0]) }
        times[times.count - 1] = "1"
        t += "<circle r=\"\(n(replay.tokenRadius))\"" + SemanticSVGWriter.paint("fill", token.color)
        t += token.appear > 0 ? " visibility=\"hidden\">" : ">"
        t += "<animateMotion\(dur) calcMode=\"linear\" keyTimes=\"\(times.joined(separator: ";"))\" values=\"\(values.joined(separator: ";"))\"/>"
        t += "<animate attributeName=\"visibility\"\(dur) calcMode=\"discrete\"" + AnimatedSVG.visibility(appear: token.appear / d, vanish: token.vanish / d) + "/>"
        t += "</circle>\n"
    }
    t += "</g>\n</g>\n"
    extras.trailer = t
    var writer = try SemanticSVGWriter(scene)
    writer.extras = extras
    return try writer.write()
}

private func n(_ v: Double) -> String { SVGNumber.format(v) }

enum AnimatedSVG {
    /// A 0…1 time as keyTimes want it: at most five decimals, no trailing zeros.
    static func fraction(_ f: Double) -> String {
        let k = Int((max(0, min(1, f)) * 100_000).rounded())
        if k == 0 { return "0" }
        if k == 100_000 { return "1" }
        var digits = String(k)
        while digits.count < 5 { digits = "0" + digits }
        while digits.hasSuffix("0") { digits.removeLast() }
        return "0." + digits
    }

    static func seconds(_ s: Double) -> String { SVGNumber.format(s) }

    /// ` keyTimes=… values=…` of a discrete visibility: hidden, visible from `appear`, hidden from `vanish` (fractions).
    static func visibility(appear: Double, vanish: Double) -> String {
        var times = ["0"], values = [appear <= 0 ? "visible" : "hidden"]
        if appear > 0 && appear < 1 { times.append(fraction(appear)); values.append("visible") }
        if vanish < 1, fraction(vanish) != times.last { times.append(fraction(vanish)); values.append("hidden") }
        return " keyTimes=\"\(times.joined(separator: ";"))\" values=\"\(values.joined(separator: ";"))\""
    }
}
