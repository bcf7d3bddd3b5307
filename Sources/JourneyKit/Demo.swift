import Foundation
import JourneyCore

/// The example pictures `journeymap demo` writes from the bundled samples: what a new user
/// sees first, and what the README shows.
///
/// Each picture is one `Demo.Picture`: a file name and how to make its scene. All scenes are
/// built before anything is written; each file is then written atomically.
public enum Demo {
    public struct Picture {
        public var file: String
        public var make: (Inputs) throws -> Scene
        public init(file: String, make: @escaping (Inputs) throws -> Scene) {
            self.file = file
            self.make = make
        }
    }

    /// The mined samples every picture draws from.
    public struct Inputs {
        /// `samples/shop-journeys.csv` with the built-in six-stage template.
        public var english: JourneyGraph
        /// `samples/thai-shop.csv` (Thai activities and column names) with `thai-retail`.
        public var thai: JourneyGraph
        public var englishTable: EventTable
        public var englishColumns: ResolvedColumns?
        public var template: JourneyTemplate
        public var measurer: PangoTextMeasurer
        /// `samples/compare-before.csv` and `compare-after.csv` (a campaign's planted changes).
        public var comparisonPair: ComparisonPair
        public var comparison: JourneyComparison
        /// The same two logs as journey paths, for the diff Sankey.
        public var comparisonSequences: ComparisonSequences
    }

    /// Finds `samples/` in the working directory or beside the package the binary was built in.
    public static func samplesDirectory(executable: String = CommandLine.arguments[0]) -> String? {
        var candidates = ["samples"]
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("samples").path)
            dir.deleteLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("shop-journeys.csv")) }
    }

    public static func inputs(samples: String) throws -> Inputs {
        let english = LogRequest(paths: [(samples as NSString).appendingPathComponent("shop-journeys.csv")])
        let loaded = try LogLoader.load(english)
        let template = try TemplateLocator.load(nil)
        let graph = try Miner(template: template).mine(loaded.table, columns: loaded.columns)
        let thaiTemplate = try TemplateLocator.load("thai-retail")
        let thai = try JourneyRequest(log: LogRequest(paths: [(samples as NSString).appendingPathComponent("thai-shop.csv")]),
                                      template: thaiTemplate).graph()
        func request(_ name: String) -> JourneyRequest {
            JourneyRequest(log: LogRequest(paths: [(samples as NSString).appendingPathComponent(name)]), template: template)
        }
        let (before, after) = (request("compare-before.csv"), request("compare-after.csv"))
        let pair = ComparisonPair(before: try before.graph(), after: try after.graph(),
                                  beforeLabel: "compare-before.csv", afterLabel: "compare-after.csv")
        let sequences = ComparisonSequences(before: try before.sequences(), after: try after.sequences(),
                                            beforeLabel: pair.beforeLabel, afterLabel: pair.afterLabel)
        return Inputs(english: graph, thai: thai, englishTable: loaded.table, englishColumns: loaded.columns,
                      template: template, measurer: try PictureWriter.measurer(),
                      comparisonPair: pair, comparison: try pair.compare(options: ComparisonOptions()),
                      comparisonSequences: sequences)
    }

    /// Journey maps: English (SVG, PNG, PDF), Thai, and an A3 print-theme PDF for a workshop wall.
    public static var pictures: [Picture] {
        mapPictures + personaPictures
    }

    /// Journey maps and comparisons.
    public static var mapPictures: [Picture] {
        [
            Picture(file: "journey-map.png") { try map($0.english, $0) },
            Picture(file: "journey-map.svg") { try map($0.english, $0) },
            Picture(file: "journey-map-th.png") { try map($0.thai, $0, MapOptions(language: "th")) },
            Picture(file: "journey-map-dark.png") { try map($0.english, $0, MapOptions(theme: Theme.named("dark"))) },
            Picture(file: "sankey-steps.png") {
                try SankeyPictures.scene(Miner(template: $0.template).sequences($0.englishTable), mode: .steps, measurer: $0.measurer)
            },
            Picture(file: "sankey-stages.svg") {
                try SankeyPictures.scene(Miner(template: $0.template).sequences($0.englishTable), mode: .stages, measurer: $0.measurer)
            },
            Picture(file: "compare-diff.png") { try ComparisonPictures.scenes(pair: $0.comparisonPair, comparison: $0.comparison).diff },
            Picture(file: "compare-before-after.png") {
                try ComparisonPictures.scenes(pair: $0.comparisonPair, comparison: $0.comparison).sideBySide
            },
            Picture(file: "compare-diff-sankey.png") { try ComparisonPictures.diffSankey($0.comparisonSequences) },
            Picture(file: "journey-map-a3-print.pdf") {
                var options = MapOptions(theme: try Theme.named("print"))
                options.compactBoxes = true
                let scene = try map($0.english, $0, options)
                return scene.fitted(to: PageSize.a3.landscape, margin: 28)
            },
        ]
    }

    static func map(_ graph: JourneyGraph, _ inputs: Inputs, _ options: MapOptions = MapOptions()) throws -> Scene {
        try JourneyMapBuilder(graph: graph, options: options, measurer: inputs.measurer).build().scene
    }

    /// Builds every picture, then writes them into `outputDirectory`. Returns the paths written.
    public static func run(samples: String, outputDirectory: String, render options: RenderOptions = RenderOptions()) throws -> [String] {
        let inputs = try inputs(samples: samples)
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        var rendered: [(String, [UInt8])] = []
        for picture in pictures {
            let path = (outputDirectory as NSString).appendingPathComponent(picture.file)
            let scene = try picture.make(inputs)
            let format = try PictureWriter.formats([path])[0]
            rendered.append((path, try render(scene, format: format, options: options)))
        }
        for (path, bytes) in rendered { try AtomicFile.write(bytes, to: path) }
        return rendered.map(\.0)
    }
}
