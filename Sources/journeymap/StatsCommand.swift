import ArgumentParser
import Foundation
import JourneyKit

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Summarize a log: events, journeys, time span, touchpoints per stage, funnel, top variants, skipped rows.")

    @Argument(help: "Event logs, or a journey file.")
    var inputs: [String]
    @Option(help: "Language of stage names (en, th; default: the template's).")
    var lang: String?
    @Option(name: .customLong("top"), help: "How many variants to list.")
    var top: Int = 10
    @OptionGroup var log: LogOptions
    @OptionGroup var mining: MiningFlags
    @OptionGroup var privacy: PrivacyFlags

    func validate() throws { try LanguageOption.check(lang, flag: "--lang") }

    func run() throws {
        var request = try journeyRequest(inputs: inputs, log: log, mining: mining, quiet: false)
        privacy.apply(to: &request)
        let graph = try request.graph()
        RunNotes.print(RunNotes.recognised(graph))
        Console.out(StatsReport(graph: graph, language: lang, variantLimit: top).render())
    }
}
