import ArgumentParser
import JourneyKit

@main
struct JourneyMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journeymap",
        abstract: "Mine customer journeys from event logs and draw them as journey maps, Sankeys, personas and comparisons.",
        discussion: """
        Exit codes: 0 success · 64 bad usage (flags) · 65 bad input (log, template or journey file; \
        the message names file, line and what was expected) · 73 cannot write an output · 70 internal error.
        """,
        version: "0.1.0",
        subcommands: [MineCommand.self, StatsCommand.self, MapCommand.self, SankeyCommand.self, CompareCommand.self, AttributionCommand.self,
                      PersonaCommand.self, TemplateCommand.self, DemoCommand.self, ReplayCommand.self]
    )

    static func main() {
        AtomicFile.installSignalCleanup()
        MemoryTuning.returnLargeBlocksToSystem()
        do {
            var command = try parseAsRoot()
            try InternalErrorProbe.check()
            try command.run()
            if let warning = MissingGlyphs.warning(), !CommandLine.arguments.contains("--quiet") {
                Console.error("journeymap: warning: \(warning)\n")
            }
        } catch {
            exitWithReport(error)
        }
    }
}
