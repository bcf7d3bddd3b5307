import ArgumentParser
import Foundation
import JourneyKit

/// `journeymap template suggest LOG -o my-template.yaml`.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Journey templates: write a starter template for a log.",
        subcommands: [TemplateSuggestCommand.self])
}

struct TemplateSuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Write a starter template for a log: every activity with its count, placed by the vocabulary or by stages inferred from the data.",
        discussion: """
        The stages are those `--stages auto` draws: template stages that match keep their names, the \
        other activities are cut into phases by where they occur in journeys. Drawing with the file \
        (--template FILE) gives the same picture as --stages auto; edit the stage names, then delete \
        the `inferred: true` line.
        """)

    @Argument(help: "Event logs.")
    var inputs: [String]
    @Option(name: .shortAndLong, help: "The template file to write (.yaml); standard output when absent.")
    var output: String?
    @OptionGroup var log: LogOptions
    @OptionGroup var mining: MiningFlags

    func run() throws {
        if let output {
            try AtomicFile.checkNotInput(output: output, inputs: inputs)
            guard output.hasSuffix(".yaml") || output.hasSuffix(".yml") else {
                throw UsageError("\(output): a template is YAML; name the output .yaml")
            }
        }
        let request = try journeyRequest(inputs: inputs, log: log, mining: mining, quiet: false)
        if let journeyFile = inputs.first(where: LogLoader.isJourneyFile) {
            throw InputError(file: journeyFile, message: "this is a journey file; a template is suggested from the event log(s): give those instead")
        }
        let loaded = try LogLoader.load(request.log)
        guard loaded.table.count > 0 else {
            throw InputError(file: inputs.joined(separator: ", "), message: loaded.table.skipped.noEventsMessage)
        }
        let names = FileNames.shown(inputs)
        let suggestion = try SuggestedTemplate(template: request.template, table: loaded.table, options: request.mining,
                                               source: names)
        let text = Data(suggestion.yaml().utf8)
        if let output {
            try AtomicFile.write(text, to: output)
            Console.error("journeymap: \(suggestion.template.stages.count) stages, \(suggestion.entries.count) activities → \(output)\(suggestion.template.stagesInferred ? " (stages inferred from the data: name them there)" : "")\n")
        } else {
            // Not FileHandle.write, which traps on a closed pipe or a file-size limit: a failed
            // write is exit 73 naming standard output.
            try AtomicFile.write(text, to: "-")
        }
    }
}
