import Foundation
import JourneyLayout
import JourneyScene

/// The band a replay adds under the map: the clock and its progress track on the first row,
/// the caption (what a dot stands for, the span, the colours) and the colour legend below.
struct ReplayBand {
    var scene: Scene
    var clockFrame: Rect
    var clockFont: FontSpec
    var track: Rect

    init(map: Scene, theme: Theme, caption: String, legend: [(key: String, color: Color)], measurer: any TextMeasurer) throws {
        let margin = 24.0, gap = 8.0
        var scene = map
        let top = map.height + gap
        clockFont = theme.font(1.3, bold: true)
        let clockSize = measurer.measure("2088-08-28 28:28:28 UTC", font: clockFont, maxWidth: nil)
        clockFrame = Rect(x: margin, y: top, width: clockSize.width + 4, height: clockSize.height)
        let trackX = clockFrame.maxX + 16
        track = Rect(x: trackX, y: top + clockSize.height / 2 - 2, width: max(40, map.width - margin - trackX), height: 4)
        var items: [SceneItem] = [.rect(RectItem(frame: track, cornerRadius: 2, fill: theme.mutedText.withAlpha(0.25)))
            .tagged(.legend, "replay-track")]
        var y = clockFrame.maxY + gap
        let captionFont = theme.font(0.95)
        let width = map.width - 2 * margin
        let captionSize = measurer.measure(caption, font: captionFont, maxWidth: width)
        items.append(.text(TextItem(text: caption, frame: Rect(x: margin, y: y, width: width, height: captionSize.height),
                                    font: captionFont, color: theme.mutedText, wrap: true, tag: SceneTag(.note, "replay-caption"))))
        y += captionSize.height + gap / 2
        // Legend: a dot and the key per entry, on rows as wide as the map.
        var x = margin, rowHeight = 0.0
        let font = theme.font(0.95)
        for entry in legend {
            let label = entry.key.isEmpty ? "(none)" : entry.key
            let size = measurer.measure(label, font: font, maxWidth: nil)
            let entryWidth = 14 + size.width + 16
            if x + entryWidth > margin + width && x > margin { x = margin; y += rowHeight + 4; rowHeight = 0 }
            let dot = Rect(x: x, y: y + size.height / 2 - 4.5, width: 9, height: 9)
            items.append(.rect(RectItem(frame: dot, cornerRadius: 4.5, fill: entry.color, tag: SceneTag(.legend, "replay-legend"))))
            items.append(.text(TextItem(text: label, frame: Rect(x: x + 14, y: y, width: size.width + 1, height: size.height),
                                        font: font, color: theme.text, tag: SceneTag(.legend, "replay-legend"))))
            x += entryWidth
            rowHeight = max(rowHeight, size.height)
        }
        y += rowHeight
        scene.items += items
        scene.height = (y + margin).rounded(.up)
        scene.summary = [map.summary, caption].filter { !$0.isEmpty }.joined(separator: " ")
        self.scene = scene
    }

    /// "Replay: 1 dot = 5 journeys · 4,000 journeys · 2024-01-01 → 2024-06-30 in 30 s · colour: channel of the first event".
    static func caption(_ t: ReplayTimeline, timing: ReplayTiming, colorBy: ReplayPictures.ColorBy, thai: Bool, groupSize: Int? = nil) -> String {
        let span = ReplayClockLabels.label(t.spanStart, spanSeconds: Double(t.spanEnd - t.spanStart) / 1e6, zone: false)
            + " → " + ReplayClockLabels.label(t.spanEnd, spanSeconds: Double(t.spanEnd - t.spanStart) / 1e6, zone: true)
        let seconds = SVGSeconds.text(timing.duration)
        let n = t.journeysPerToken, played = count(t.journeysPlayed)
        if let g = groupSize {
            // --min-people: a token is g journeys of g people on one path, at their mean times.
            // No count of journeys: the dots give it (a multiple of g), and paths left out are not counted.
            var s = thai
                ? "การเล่นซ้ำ: แต่ละจุด = \(count(g)) เส้นทางที่ผ่านลำดับจุดสัมผัสเดียวกัน (\(count(g)) คน) ณ เวลาเฉลี่ย · ไม่แสดงลำดับที่มีคนน้อยกว่า \(count(g)) คน และเศษที่เหลือของแต่ละลำดับ · \(span) ใน \(seconds) วินาที"
                : "Replay: each dot: \(count(g)) journeys of one path (\(count(g)) people), at their mean times · paths of fewer than \(count(g)) people and each path's remainder not drawn · \(span) in \(seconds) s"
            switch colorBy {
            case .stage: s += thai ? " · สี: ขั้นตอนของเหตุการณ์แรก" : " · colour: stage of the first event"
            default: break
            }
            return s
        }
        if thai {
            var s = "การเล่นซ้ำ: 1 จุด = \(count(n)) เส้นทาง · \(played) เส้นทาง · \(span) ใน \(seconds) วินาที"
            switch colorBy {
            case .none: break
            case .channel: s += " · สี: ช่องทางของเหตุการณ์แรก"
            case .stage: s += " · สี: ขั้นตอนของเหตุการณ์แรก"
            case .attribute(let a): s += " · สี: \(a) ของเหตุการณ์แรก"
            }
            return s
        }
        var s = "Replay: 1 dot = \(count(n)) journey\(n == 1 ? "" : "s") · \(played) journeys · \(span) in \(seconds) s"
        switch colorBy {
        case .none: break
        case .channel: s += " · colour: channel of the first event"
        case .stage: s += " · colour: stage of the first event"
        case .attribute(let a): s += " · colour: \(a) of the first event"
        }
        return s
    }

    static func count(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(d)
        }
        return out
    }
}

/// "30", "12.5": seconds without a trailing ".0".
enum SVGSeconds {
    static func text(_ s: Double) -> String {
        s == s.rounded() ? String(Int(s)) : String(format: "%.2f", s).replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
    }
}

/// The clock's labels: the log time (UTC) at the start of each grid step, as precise as the
/// span needs (a date for spans over 20 days, minutes for spans over 6 hours, else seconds).
public enum ReplayClockLabels {
    public static func labels(start: Int64, end: Int64, steps: Int) -> [String] {
        let span = Double(end - start) / 1e6
        return (0..<steps).map { k in
            label(start + Int64((Double(end - start) * Double(k) / Double(steps)).rounded(.down)), spanSeconds: span, zone: true)
        }
    }

    public static func label(_ micros: Int64, spanSeconds: Double, zone: Bool) -> String {
        let seconds = Int64((Double(micros) / 1e6).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (y, m, d) = civil(days)
        let date = String(format: "%04d-%02d-%02d", y, m, d)
        if spanSeconds > 20 * 86_400 { return date }
        let hh = secondOfDay / 3600, mm = secondOfDay / 60 % 60, ss = secondOfDay % 60
        let time = spanSeconds > 6 * 3600 ? String(format: "%02d:%02d", hh, mm) : String(format: "%02d:%02d:%02d", hh, mm, ss)
        return date + " " + time + (zone ? " UTC" : "")
    }

    /// Year, month, day of a day count since 1970-01-01 (Howard Hinnant's civil_from_days).
    static func civil(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
