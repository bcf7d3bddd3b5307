import ArgumentParser
import Foundation
import JourneyKit

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write the example pictures (journey maps, Sankey, personas, comparison) from the bundled samples.")

    @Option(help: "Folder with shop-journeys.csv and thai-shop.csv (default: samples/ here or beside the build).")
    var samples: String?
    @Option(name: [.customShort("o"), .customLong("output-dir")], help: "Where the pictures go.")
    var outputDirectory: String = "output"
    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        if AtomicFile.isStandardOutput(outputDirectory) {
            throw UsageError("-o \(outputDirectory): the demo writes many pictures, so -o names a folder, not standard output")
        }
        guard let dir = samples ?? Demo.samplesDirectory() else {
            throw UsageError("cannot find samples/shop-journeys.csv; run from the repository root or give --samples DIR")
        }
        let written = try Demo.run(samples: dir, outputDirectory: outputDirectory)
        if !quiet {
            Console.error("journeymap: wrote " + written.joined(separator: ", ") + "\n")
        }
    }
}
