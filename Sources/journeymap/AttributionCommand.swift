import ArgumentParser
import Foundation
import JourneyKit

struct AttributionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attribution",
        abstract: "Which touchpoints or channels earn the conversions: Markov removal effect beside first touch, last touch and linear.",
        discussion: """
        Journeys are read, filtered and split (--session-gap) as `mine` does, then cut at their first \
        conversion (--conversion EVENT, or the first step in --conversion-stage STAGE or a later one) and \
        end in conversion or null. The removal effect of a state is the share of the chain's conversion \
        probability lost when it leads nowhere, solved exactly by state elimination (no simulation); its \
        Markov credit is conversions × effect ÷ the sum of effects. Outputs by extension: .csv \
        (name,removal_effect,markov,first_touch,last_touch,linear), .md, .json, .svg/.png/.pdf (bars). \
        Without -o the CSV goes to standard output.
        """)

    @Argument(help: "Event logs (CSV, JSON Lines, XES, optionally gzipped).")
    var inputs: [String]
    @Option(name: .shortAndLong, help: "Outputs: attribution.csv, .md, .json, .svg, .png, .pdf (repeatable).")
    var output: [String] = []
    @Option(help: "The touchpoint that is the conversion (its first occurrence ends the journey).")
    var conversion: String?
    @Option(name: .customLong("conversion-stage"), help: "The stage that is the conversion: a journey converts at its first step in it or a later stage.")
    var conversionStage: String?
    @Option(help: "States of the chain: touchpoint (default) or channel.")
    var by: AttributionOptions.Unit = .touchpoint
    @Option(help: "Memory of the chain: 1 (default) or 2 (a state is the last two steps; removing a touchpoint removes every pair with it).")
    var order: Int = 1
    @Option(name: .customLong("max-states"), help: "Most states drawn in the picture (all are in the CSV, Markdown and JSON).")
    var maxStates: Int = 25
    @Option(name: .customLong("min-people"), help: "Withhold every number resting on fewer than this many distinct people (cases), and enough others that none comes back by subtraction (docs/privacy.md).")
    var minPeople: Int?
    @OptionGroup var picture: PictureFlags
    @OptionGroup var log: LogOptions
    @OptionGroup var mining: MiningFlags

    func validate() throws {
        if (conversion == nil) == (conversionStage == nil) { throw ValidationError("give --conversion EVENT or --conversion-stage STAGE (one of them)") }
        if order != 1 && order != 2 { throw ValidationError("--order \(order): expected 1 or 2") }
        try PrivacyFlags.checkRange(minPeople)
        if maxStates < 1 { throw ValidationError("--max-states \(maxStates): expected 1 or more") }
        if mining.keepPaths != nil || mining.minEdgeCount > 0 {
            throw ValidationError("--keep-paths and --min-edge-count simplify journey maps; attribution uses every journey")
        }
    }

    var options: AttributionOptions {
        AttributionOptions(conversion: conversion.map { .event($0) } ?? .stage(conversionStage!), by: by, order: order)
    }

    func run() throws {
        let outputs = output.isEmpty ? ["-"] : output
        try OutputPaths.checkOneStandardOutput(outputs)
        for o in outputs { try AtomicFile.checkNotInput(output: o, inputs: inputs) }
        let pictures = outputs.filter { OutputFormat.from(path: $0) != nil }
        for o in outputs where !pictures.contains(o) && !(o == "-" || o.hasSuffix(".csv") || o.hasSuffix(".md") || o.hasSuffix(".json")) {
            throw UsageError("\(o): unknown output type; use .csv, .md, .json, .svg, .png or .pdf")
        }
        try picture.checkOutputs(pictures, inputs: inputs)
        let render = try picture.renderOptions(), page = try picture.page(), theme = try picture.theme()
        let request = try journeyRequest(inputs: inputs, log: log, mining: mining, quiet: picture.quiet)
        let paths = try AttributionPictures.paths(request, options: options)
        if !picture.quiet, let warning = AttributionPictures.sizeWarning(paths, options: options) { Console.notes(["warning: \(warning)"]) }
        var attribution = try Attribution(paths, options: options)
        if let k = minPeople { attribution = attribution.applyingMinPeople(k) }
        if !pictures.isEmpty {
            let source = FileNames.shown(inputs)
            let scene = AttributionPictures.scene(attribution, theme: theme, language: picture.lang ?? request.template.defaultLanguage,
                                                  title: picture.title, source: source, maxLabelCharacters: picture.maxLabel,
                                                  measurer: try PictureWriter.measurer())
            try PictureWriter.write(scene, to: pictures, render: render, page: page)
        }
        for o in outputs where !pictures.contains(o) {
            if o.hasSuffix(".json") { try AtomicFile.write(try attribution.jsonData(), to: o) }
            else if o.hasSuffix(".md") { try AtomicFile.write(attribution.markdown(), to: o) }
            else { try AtomicFile.write(attribution.csv(), to: o) }
        }
        if !picture.quiet && !output.isEmpty {
            let states = "\(attribution.rows.count) \(by.rawValue)\(attribution.rows.count == 1 ? "" : "s")"
            let conversions = attribution.conversionsHidden ? "\(attribution.conversionsText()) conversions"
                : "\(CountFormat.grouped(attribution.conversions)) conversion\(attribution.conversions == 1 ? "" : "s")"
            var lines = ["\(states), \(conversions) of \(CountFormat.grouped(attribution.journeys)) journeys (\(attribution.conversionName)) → \(OutputPaths.describe(output))"]
            if let offPath = attribution.offConvertingJourneysNote() { lines.append("warning: \(offPath)") }
            // An impression/click log (Criteo's, Kaggle's attribution data): one touchpoint to
            // credit, the channels in their own column.
            if by == .touchpoint && attribution.rows.count == 1 && paths.channelsInLog > 1 {
                lines.append("only \(states) to credit, and the events carry \(paths.channelsInLog) channels: --by channel credits the channels")
            }
            if attribution.convertedAtFirstStep > 0 {
                let one = !attribution.firstStepHidden && attribution.convertedAtFirstStep == 1
                lines.append("\(attribution.firstStepHidden ? "fewer than \(attribution.minPeople ?? 0)" : CountFormat.grouped(attribution.convertedAtFirstStep)) \(one ? "journey converted at its" : "journeys converted at their") first step: no step to credit")
            }
            Console.notes(lines)
        }
    }
}

extension AttributionOptions.Unit: ExpressibleByArgument {}
