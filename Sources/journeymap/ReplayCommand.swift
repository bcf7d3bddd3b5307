import ArgumentParser
import Foundation
import JourneyKit

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay journeys as dots moving over the journey map: an animated SVG, APNG or GIF (or one frame as PNG).",
        discussion: """
        Each dot is a journey (or one of every N on big logs: said on the picture and here) moving \
        along the map's flows in time order; the span plays in --duration; a clock shows the log's \
        time (UTC); boxes glow as dots arrive. The SVG animates with SMIL only (no script): it plays \
        in browsers and slide tools, and its first frame is the static map. With --min-people k the \
        map is `map --min-people k`'s and each dot k journeys of k people on one path, at their mean \
        times (docs/privacy.md).
        """)

    @Argument(help: "Event logs (journey files hold counts, not timed paths).")
    var inputs: [String]
    @Option(name: .shortAndLong, help: "Output: .svg (animated), .apng, .gif, or .png (one still frame at --at) (repeatable).")
    var output: [String] = []
    @Option(help: "Format of outputs named without .svg/.apng/.gif/.png (-o - for standard output, a device, a FIFO): svg, apng, gif or png.")
    var format: ReplayFormat?
    @Option(help: "How long the span plays: 30s, 2m, or seconds (1 to 3600).")
    var duration: String = "30s"
    @Option(help: "The log time played, START..END (ISO dates or datetimes; either side may be empty); default: first to last event.")
    var span: String?
    @Option(name: .customLong("color-by"), help: "Dot colour: channel (default), stage, none, or any column of the log (its value at the journey's first event).")
    var colorBy: String?
    @Option(help: "A second log to compare with: both replayed on the map of the two together, dots coloured by side, each side timed from its own first event.")
    var versus: String?
    @Option(name: .customLong("max-tokens"), help: "Most dots; above it one dot stands for every N journeys (said on the picture).")
    var maxTokens: Int = 1000
    @Option(help: "Frames per second of .apng and .gif outputs (1 to 50).")
    var fps: Int = 12
    @Option(help: "Frame width in pixels of .apng, .gif and .png outputs (64 to 4000).")
    var width: Int = 960
    @Option(help: "Playback time shown by a .png output: 12s, or seconds.")
    var at: String = "0"
    @OptionGroup var look: LookFlags
    @Option(name: .customLong("max-touchpoints"), help: "Most touchpoints drawn (journeys pass hidden ones by).")
    var maxTouchpoints: Int = 40
    @Option(name: .customLong("max-edges"), help: "Most transitions drawn (moves between boxes without a drawn flow go straight).")
    var maxEdges: Int?
    @Flag(help: "Print nothing but errors.")
    var quiet = false
    @OptionGroup var log: LogOptions
    @OptionGroup var mining: MiningFlags
    @OptionGroup var privacy: ReplayPrivacyFlags

    func validate() throws {
        if output.isEmpty { throw ValidationError("give at least one output with -o replay.svg|apng|gif|png") }
        try LayoutBounds.check(maxTouchpoints: maxTouchpoints, maxEdges: maxEdges, allowSlow: false)
        guard (1...50).contains(fps) else { throw ValidationError("--fps \(fps): expected 1 to 50 frames per second") }
        guard (64...4000).contains(width) else { throw ValidationError("--width \(width): expected 64 to 4000 pixels") }
        guard maxTokens >= 1 else { throw ValidationError("--max-tokens \(maxTokens): expected at least 1") }
        if versus != nil, colorBy != nil { throw ValidationError("--versus colours the dots by side: drop --color-by") }
        if versus != nil, span != nil { throw ValidationError("--versus times each side from its own first event: drop --span (filter the logs instead)") }
    }

    func run() throws {
        try privacy.check(colorBy: colorBy, span: span, versus: versus)
        try OutputPaths.checkOneStandardOutput(output)
        let formats = try ReplayPictures.formats(output, fallback: format)
        for o in output { try AtomicFile.checkNotInput(output: o, inputs: inputs + (versus.map { [$0] } ?? [])) }
        var options = ReplayPictures.Options()
        options.timing.duration = try Self.seconds(duration, flag: "--duration", range: 1...3600)
        options.timing.maxTokens = maxTokens
        options.colorBy = versus == nil ? ReplayPictures.ColorBy(parsing: colorBy ?? (privacy.minPeople == nil ? "channel" : "stage")) : .none
        options.minPeople = privacy.minPeople
        var frames = ReplayFrameOptions()
        frames.fps = fps
        frames.width = width
        frames.at = try Self.seconds(at, flag: "--at", range: 0...options.timing.duration)
        if let span {
            // ISO dates whatever the log's --timestamp-format or unit; only the zone applies (as compare's windows).
            var parser = try log.readOptions().timestamps
            parser.format = nil
            parser.yearOffset = 0  // common-era dates, as --since and every output
            parser.epochUnit = nil
            let window = try TimeWindow(parsing: span, flag: "--span", parser: parser)
            options.timing.spanStart = window.start
            options.timing.spanEnd = window.end
        }
        var mapOptions = MapOptions(language: look.lang, theme: try look.theme(), title: look.title,
                                    maxTouchpoints: maxTouchpoints, maxEdges: maxEdges)
        mapOptions.maxLabelCharacters = 48
        options.map = mapOptions
        var request = try journeyRequest(inputs: inputs, log: log, mining: mining, quiet: quiet)
        if privacy.minPeople != nil { request.mining.countsPeople = true }
        if let column = options.colorBy.attributeName, !request.log.read.columns.attributes.contains(column) {
            request.log.read.columns.attributes.append(column)
        }
        let replay: ReplayPictures.Replay
        if let versus {
            let sides = [ReplayPictures.Side(name: Self.sideName(inputs), request: request),
                         ReplayPictures.Side(name: Self.sideName([versus]), request: try journeyRequest(inputs: [versus], log: log, mining: mining, quiet: quiet))]
            replay = try ReplayPictures.replay(sides: sides, union: try journeyRequest(inputs: inputs + [versus], log: log, mining: mining, quiet: quiet),
                                               options: options)
        } else {
            replay = try ReplayPictures.replay(request, options: options)
        }
        if replay.journeysPlayed == 0 {
            throw UsageError("no journey has an event on a drawn touchpoint within the span\(span.map { " \($0)" } ?? ""): widen --span or raise --max-touchpoints")
        }
        let bar = FrameProgress.start(quiet: quiet, frames: formats.contains(where: { $0 == .apng || $0 == .gif }))
        defer { bar?.finish() }
        try ReplayPictures.write(replay.animation, to: output, frames: frames, format: format) { path, done, total in bar?.update(path, done, total) }
        bar?.finish()
        if !quiet {
            var note = "journeymap: \(replay.caption)"
            note += "\njourneymap: \(CountFormat.grouped(replay.animation.tokens.count)) dots\(replay.groups.map { " of \(CountFormat.grouped($0.size)) journeys each" } ?? ""), \(replay.selection.touchpoints.count) touchpoints, \(replay.selection.edges.count) flows drawn"
            if formats.contains(where: { $0 == .apng || $0 == .gif }) {
                note += "; \(replay.animation.frameCount(fps: Double(fps))) frames at \(fps) fps"
            }
            note += " → \(OutputPaths.describe(output))"
            Console.error(note + "\n")
        }
    }

    /// A side's name on the legend: its file names.
    static func sideName(_ paths: [String]) -> String {
        paths.map { ($0 as NSString).lastPathComponent }.joined(separator: " + ")
    }

    /// `30s`, `2m`, `1.5` (seconds) within `range`.
    static func seconds(_ text: String, flag: String, range: ClosedRange<Double>) throws -> Double {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        var value: Double?
        if t.hasSuffix("ms") { value = Double(t.dropLast(2)).map { $0 / 1000 } }
        else if t.hasSuffix("s") { value = Double(t.dropLast()) }
        else if t.hasSuffix("m") { value = Double(t.dropLast()).map { $0 * 60 } }
        else { value = Double(t) }
        guard let v = value, v.isFinite, range.contains(v) else {
            throw UsageError("\(flag) \(text): expected a time such as 30s, 2m or 12.5 (seconds), from \(SecondsText.text(range.lowerBound)) to \(SecondsText.text(range.upperBound)) s")
        }
        return v
    }
}

extension ReplayFormat: ExpressibleByArgument {}

enum SecondsText {
    static func text(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}

/// "replay.gif ███████░░░ 120/360 frames" on standard error while frames are written, when it
/// is a terminal (and not with --quiet); erased when done.
final class FrameProgress {
    private var drawn = false
    private var lastDraw = DispatchTime.now()

    static func start(quiet: Bool, frames: Bool) -> FrameProgress? {
        guard !quiet, frames, isatty(STDERR_FILENO) != 0 else { return nil }
        return FrameProgress()
    }

    func update(_ path: String, _ done: Int, _ total: Int) {
        let now = DispatchTime.now()
        guard done == total || now.uptimeNanoseconds - lastDraw.uptimeNanoseconds > 100_000_000 else { return }
        lastDraw = now
        let width = 24, filled = total > 0 ? done * width / total : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let name = (path as NSString).lastPathComponent.terminalSafe
        Console.write("\r\(name) \(bar) \(done)/\(total) frames\u{1B}[K", to: STDERR_FILENO)
        drawn = true
    }

    func finish() {
        if drawn { Console.write("\r\u{1B}[K", to: STDERR_FILENO) }
        drawn = false
    }
}

/// `--min-people k` on `replay` (docs/privacy.md, "replay"): the map is the published graph
/// (`map --min-people k`'s) and each dot a group of k journeys of k people on one published
/// path, at their mean times (`ReplayGroups`). `--people` alone is refused: it writes people
/// counts into a journey file, and a replay writes none.
struct ReplayPrivacyFlags: ParsableArguments {
    @Option(name: .customLong("min-people"), help: "Draw only numbers resting on this many people or more (the map of `map --min-people`), each dot a group of this many journeys of as many people on one path, at their mean times (docs/privacy.md); colours by stage.")
    var minPeople: Int?
    @Flag(help: "Refused without --min-people: it counts people for a journey file, and a replay writes none.")
    var people = false

    func validate() throws { try PrivacyFlags.checkRange(minPeople) }

    /// What --min-people does not take: colours that break a path down (channel, a column),
    /// a span cutting journeys, a second log.
    func check(colorBy: String?, span: String?, versus: String?) throws {
        if people && minPeople == nil {
            throw UsageError("--people with replay: it writes people counts into a journey file, and a replay writes none; give --min-people k to publish a replay")
        }
        guard let k = minPeople else { return }
        if versus != nil {
            throw UsageError("--min-people \(k) with --versus: not applied to two sides yet; replay each log with --min-people, or publish `compare --min-people`")
        }
        if span != nil {
            throw UsageError("--min-people \(k) with --span: the span would cut the journeys of a group at different steps; filter the log instead (--since/--until)")
        }
        if let c = colorBy {
            switch ReplayPictures.ColorBy(parsing: c) {
            case .none, .stage: break
            default:
                throw UsageError("--min-people \(k) with --color-by \(c): the dots would break each path's groups down by \(c), numbers the published map withholds (a box's channel breakdown); use --color-by stage (the default with --min-people) or none")
            }
        }
    }
}
