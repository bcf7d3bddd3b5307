import ArgumentParser
import Foundation
import JourneyKit

struct PersonaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "persona",
        abstract: "Draw persona cards from persona YAML files, or find personas in event logs by clustering journeys.",
        discussion: """
        Examples:
          journeymap persona nok-thai-shopper --lang th -o nok.png
          journeymap persona maya.yaml nok.yaml -o sheet.svg
          journeymap persona shop.csv --clusters 4 -o p.png --write-yaml p.yaml

        From logs, journeys are clustered by stages reached, channel mix, path length, time to \
        convert and conversion, with k-means++ under --seed. Edit the names in the written YAML \
        and draw it again.

        Text that cannot fit even shrunk is cut with an ellipsis and reported as a warning.
        """)

    @Argument(help: "Persona YAML files (.yaml, .yml; or a built-in example: maya-online-shopper, nok-thai-shopper), or event logs to find personas in.")
    var inputs: [String]
    @Option(name: .shortAndLong, help: "Output picture(s): .svg, .png, .pdf or .html (an interactive page) (repeatable).")
    var output: [String] = []
    @Option(help: "Segments to find in logs: a number, or auto (2…8, chosen by silhouette score). Default auto.")
    var clusters: ClusterCount?
    @Option(help: "Seed of k-means++ (same seed, same segments).")
    var seed: UInt64 = 1
    @Option(name: .customLong("min-cases"), help: "Hide segments with fewer journeys (they are listed in the footnote).")
    var minCases: Int = 1
    @Option(name: .customLong("names"), help: "YAML rules that name segments (else Segment 1…k).")
    var namesFile: String?
    @Option(name: .customLong("conversion-stage"), help: "A journey converts when it reaches this stage or a later one (default: the last stage at least a tenth of journeys reach, or the first later one 1 % reach when nine in ten reach that one; the output says which).")
    var conversionStage: String?
    @Option(name: .customLong("write-yaml"), help: "Write the derived personas (names, facts) to this YAML file, to edit and draw again.")
    var writeYAML: String?
    @Option(name: .customLong("second-lang"), help: "Also show this language, smaller, under each text that has it (e.g. en under th).")
    var secondLanguage: String?
    @Option(help: "Cards per row of a sheet.")
    var columns: Int = 3
    @Flag(name: .customLong("allow-photos-outside"), help: "Read persona photos outside each YAML file's folder too (they are embedded in the picture).")
    var allowPhotosOutside = false
    @Option(help: "Picture format of outputs named without .svg/.png/.pdf (-o - for standard output, a device, a FIFO): svg, png, pdf or html.")
    var format: OutputFormat?
    @OptionGroup var picture: PictureFlags
    @OptionGroup var log: LogOptions
    @OptionGroup var mining: MiningFlags
    @OptionGroup var privacy: PrivacyFlags

    enum ClusterCount: ExpressibleByArgument, Equatable {
        case auto
        case fixed(Int)
        init?(argument: String) {
            if argument.lowercased() == "auto" { self = .auto; return }
            guard let k = Int(argument) else { return nil }
            self = .fixed(k)
        }
    }

    /// Inputs are personas (not logs) when every one is a YAML file or a built-in example's name.
    var fromFiles: Bool { inputs.allSatisfy(isPersonaInput) }

    func isPersonaInput(_ input: String) -> Bool {
        input.lowercased().hasSuffix(".yaml") || input.lowercased().hasSuffix(".yml") || PersonaPictures.isBuiltinName(input)
    }

    func validate() throws {
        if output.isEmpty && writeYAML == nil {
            throw ValidationError("give an output with -o cards.svg|png|pdf (or --write-yaml for derived personas)")
        }
        let yaml = inputs.filter(isPersonaInput)
        if !yaml.isEmpty && yaml.count != inputs.count {
            throw ValidationError("give either persona YAML files or event logs, not both (\(yaml.joined(separator: ", ")) with logs)")
        }
        if fromFiles {
            if clusters != nil || writeYAML != nil || namesFile != nil {
                throw ValidationError("--clusters, --names and --write-yaml apply to personas found in event logs, not to persona YAML files")
            }
            if output.isEmpty { throw ValidationError("give an output with -o cards.svg|png|pdf") }
        }
        if case .fixed(let k) = clusters, k < 1 { throw ValidationError("--clusters \(k): expected 1 or more, or auto") }
        if minCases < 1 { throw ValidationError("--min-cases \(minCases): expected 1 or more") }
        if columns < 1 { throw ValidationError("--columns \(columns): expected 1 or more") }
        try LanguageOption.check(secondLanguage, flag: "--second-lang")
    }

    func run() throws {
        if privacy.people && privacy.minPeople == nil {
            throw UsageError("--people writes people counts to journey files; persona counts them itself with --min-people")
        }
        if privacy.minPeople != nil && fromFiles {
            throw UsageError("--min-people applies to personas found in event logs; persona YAML files hold no people to count")
        }
        try picture.checkOutputs(output, inputs: inputs, format: format)
        try Self.refuseTextExports(output, format: format)
        try OutputPaths.checkOneStandardOutput(output + (writeYAML.map { [$0] } ?? []))
        if let writeYAML { try AtomicFile.checkNotInput(output: writeYAML, inputs: inputs) }
        let template = try mining.journeyTemplate()
        var options = PersonaPictures.Options(language: picture.lang, secondaryLanguage: secondLanguage,
                                              theme: try picture.theme(), title: picture.title, columns: columns,
                                              template: template)
        options.allowPhotosOutside = allowPhotosOutside
        let result: PersonaPictures.Picture
        if fromFiles {
            result = try PersonaPictures.cards(yamlPaths: inputs, options: options)
        } else {
            let request = try journeyRequest(inputs: inputs, log: log, mining: mining, quiet: picture.quiet)
            var c = PersonaClusterOptions(seed: seed, conversionStage: conversionStage, minCases: minCases)
            c.threads = max(request.log.threads, request.mining.threads)
            c.minPeople = privacy.minPeople
            if case .fixed(let k) = clusters { c.clusters = .fixed(k) }
            if let namesFile { c.naming = try PersonaNaming.load(path: namesFile) }
            result = try PersonaPictures.derived(from: request, clustering: c, options: options)
        }
        if let writeYAML, let c = result.clustering {
            var header = "Personas found by `journeymap persona \(inputs.joined(separator: " "))` (seed \(seed)).\n"
                + "Edit names, roles, goals, pain points and stages, then draw: journeymap persona \(writeYAML == "-" ? "personas.yaml" : (writeYAML as NSString).lastPathComponent) -o cards.png"
            var notes: [[String]] = []
            if let k = privacy.minPeople {
                // Only the shown segments, with their facts as the cards show them (docs/privacy.md).
                let hidden = c.segments.filter(\.suppressed).count
                header += "\nNumbers from fewer than \(k) people hidden (--min-people \(k))"
                    + (hidden > 0 ? ": \(hidden) of \(c.segments.count) segments not written" : "") + "."
                notes = c.segments.filter { !$0.suppressed }.map { s in
                    s.withheldFacts.map { ($0 == "top_channels" ? "top_channels: some channels" : $0)
                        + " withheld under --min-people \(k) (rests on fewer than \(k) people, or gives such a number back)" }
                }
            }
            try AtomicFile.write(Data(Persona.yaml(c.personas, header: header, factNotes: notes).utf8), to: writeYAML)
        }
        if !output.isEmpty {
            try PictureWriter.write(result.scene, to: output, render: picture.renderOptions(), page: try picture.page(), format: format,
                                    interactive: .personas(result.personas, language: picture.lang ?? template.defaultLanguage))
        }
        if !picture.quiet { report(result) }
    }

    /// Persona cards have no stages-and-flows graph for Mermaid, DOT or SankeyMATIC (before, a
    /// `.mmd` got an empty flowchart): such an output is refused before any work, naming the
    /// formats that draw cards and `--write-yaml` for the personas as data.
    static func refuseTextExports(_ outputs: [String], format: OutputFormat?) throws {
        let formats = try PictureWriter.formats(outputs, fallback: format)
        guard let k = formats.firstIndex(where: \.isTextExport) else { return }
        throw UsageError("\(outputs[k]): persona cards are not a graph of touchpoints and flows, so they have no \(formats[k].exportName) form; "
            + "name the output .svg, .png, .pdf, .layout.json or .html (the personas as data: --write-yaml personas.yaml, from a log)")
    }

    private func report(_ result: PersonaPictures.Picture) {
        var lines: [String] = []
        let targets = OutputPaths.describe(output + (writeYAML.map { [$0] } ?? []))
        if let c = result.clustering {
            let scores = c.silhouetteScores.map { "k=\($0.k) \(String(format: "%.2f", $0.score))" }.joined(separator: ", ")
            lines.append("\(c.k) segments (silhouette: \(scores)); \(result.personas.count) shown → \(targets)")
            lines.append("  silhouette measured \(c.silhouetteBasis(seed: seed))")
            if clusters != .fixed(c.k), c.silhouetteScores.count > 1, c.k == c.silhouetteScores.map(\.k).max(),
               c.k == PersonaClusterOptions.autoRange.upperBound {
                lines.append("  k=\(c.k) is the largest --clusters auto tries and scored best: more segments may fit better (try --clusters \(c.k + 2)); "
                    + "segments alike in path and length then differ in time or channel (compare their cards)")
            }
            // --min-people: hidden segments are not listed (their numbers are withheld).
            for s in c.segments where privacy.minPeople == nil || !s.suppressed {
                let f = s.persona.facts
                let converts = f?.conversionRateWithheld == true ? "–" : "\(Int(((f?.conversionRate ?? 0) * 100).rounded()))%"
                lines.append("  \(s.rank). \(s.persona.name.text("en")): \(CountFormat.grouped(s.journeys)) journey\(s.journeys == 1 ? "" : "s"), "
                    + "\(Int(((f?.share ?? 0) * 100).rounded()))%, converts \(converts)"
                    + (s.suppressed ? " (hidden by --min-cases)" : ""))
            }
            if let m = c.suppressionMessage { lines.append(m) }
            if conversionStage == nil, let stage = c.segments.first?.persona.facts?.conversionStage {
                lines.append("\"converts\" means reaching stage \(stage) (\(JourneyConversion.defaultRule); choose another with --conversion-stage)")
                // A stage nearly every journey reaches (a log's last inferred phase, where every
                // outcome ends: BPI Challenge 2012's declines and approvals alike) tells no segment apart.
                let facts = c.segments.compactMap { s in s.persona.facts.map { (s.journeys, $0) } }
                let all = facts.reduce(0) { $0 + $1.0 }
                if all > 0, facts.count == c.segments.count, !facts.contains(where: { $0.1.conversionRateWithheld }) {
                    let share = facts.reduce(0.0) { $0 + Double($1.0) * $1.1.conversionRate } / Double(all)
                    if share >= 0.95 {
                        lines.append("warning: \(Int((share * 100).rounded()))% of the journeys reach stage \(stage), so \"converts\" tells no segment apart; "
                            + "name the stage that means success with --conversion-stage")
                    }
                }
            }
        } else {
            lines.append("\(result.personas.count) persona card\(result.personas.count == 1 ? "" : "s") → \(targets)")
        }
        lines += result.warnings.map { "warning: \($0)" }
        Console.notes(lines)
    }
}

/// `journeymap map --persona p.yaml` (or a built-in example's name): the file must hold one
/// persona. Lanes draw no photo, so none is read.
func loadLanePersona(_ path: String) throws -> Persona {
    let all = try PersonaPictures.load(yamlPaths: [path])
    guard all.count == 1 else {
        throw UsageError("--persona \(path): holds \(all.count) personas; lanes show one, pass a file with a single persona")
    }
    return all[0]
}
