import Foundation
import JourneyCore
import JourneyScene
import JourneyLayout
import JourneyRender

/// Persona pictures for the CLI and other callers (the demo): persona cards from YAML files,
/// personas derived from a log, and a journey map with a persona's lanes.
///
/// ```swift
/// let picture = try PersonaPictures.cards(yamlPaths: ["templates/personas/nok-thai-shopper.yaml"],
///                                         options: .init(language: "th", theme: .light))
/// try PictureWriter.write(picture.scene, to: ["nok.png"])
/// ```
public enum PersonaPictures {
    /// How persona pictures look.
    public struct Options: Sendable {
        /// Text language; nil takes the template's default language.
        public var language: String?
        /// A second language shown small under each text that has it (e.g. `en` under Thai).
        public var secondaryLanguage: String?
        public var theme: Theme
        /// Sheet title; nil: none for cards from files, a measured title for derived personas.
        public var title: String?
        /// Cards per row of a sheet.
        public var columns: Int
        /// Stage names, order and colours.
        public var template: JourneyTemplate
        /// Read `photo:` files outside each persona file's folder too (`--allow-photos-outside`).
        public var allowPhotosOutside = false

        public init(language: String? = nil, secondaryLanguage: String? = nil, theme: Theme = .light,
                    title: String? = nil, columns: Int = 3, template: JourneyTemplate = .builtinDefault()) {
            self.language = language
            self.secondaryLanguage = secondaryLanguage
            self.theme = theme
            self.title = title
            self.columns = columns
            self.template = template
        }

        var resolvedLanguage: String { language ?? template.defaultLanguage }

        func cardOptions() -> PersonaCardOptions {
            PersonaCardOptions(theme: theme, language: resolvedLanguage, secondaryLanguage: secondaryLanguage,
                               stages: template.allStages)
        }
    }

    /// A laid-out persona picture and what went into it.
    public struct Picture: Sendable {
        public var scene: Scene
        /// The personas drawn, in order.
        public var personas: [Persona]
        /// Texts that were shortened or left out (also for stages the template does not know).
        public var warnings: [PersonaLayoutWarning]
        /// For personas derived from a log: the clustering (k, silhouette scores, all segments).
        public var clustering: PersonaClustering?
    }

    /// Reads every persona of the YAML files, in order. A name that is not a file
    /// (`nok-thai-shopper`) is looked up in `templates/personas/`, then among the built-in examples.
    /// Photos are not read (`loadWithPhotos`).
    public static func load(yamlPaths: [String]) throws -> [Persona] {
        try yamlPaths.flatMap { try locate($0).personas }
    }

    /// The personas of the YAML files (as `load`) and the photo of each, by index: read
    /// relative to its YAML file, from the file's folder and below unless `allowPhotosOutside`,
    /// and decoded (`PersonaPhoto.load`); nil for a persona without `photo:` or a built-in one.
    public static func loadWithPhotos(yamlPaths: [String], allowPhotosOutside: Bool = false) throws
        -> (personas: [Persona], photos: [PersonaPhoto?]) {
        var personas: [Persona] = [], photos: [PersonaPhoto?] = []
        for nameOrPath in yamlPaths {
            let found = try locate(nameOrPath)
            personas += found.personas
            photos += found.personas.map { p in
                guard let photo = p.photo, let yaml = found.yaml else { return nil }
                return PersonaPhoto.load(photo, relativeTo: yaml, allowOutside: allowPhotosOutside)
            }
        }
        return (personas, photos)
    }

    /// True when `name` is not a file but names a built-in example persona.
    public static func isBuiltinName(_ name: String) -> Bool {
        !FileManager.default.fileExists(atPath: name) && BuiltinPersonas.all[name] != nil
    }

    /// The personas of a built-in example (`maya-online-shopper`, `nok-thai-shopper`).
    public static func builtin(_ name: String) throws -> [Persona] {
        guard let text = BuiltinPersonas.all[name] else {
            throw TemplateError(file: name, line: nil, key: nil, message: "no built-in persona of that name; expected one of: "
                + BuiltinPersonas.all.keys.sorted().joined(separator: ", "))
        }
        return try Persona.parseAll(yaml: text, file: "templates/personas/\(name).yaml")
    }

    /// The personas of a file, a file in `templates/personas/` or a built-in example, and the
    /// YAML file they came from (nil for a built-in one).
    private static func locate(_ nameOrPath: String) throws -> (personas: [Persona], yaml: String?) {
        if FileManager.default.fileExists(atPath: nameOrPath) {
            return (try Persona.loadAll(path: nameOrPath), nameOrPath)
        }
        let candidate = "templates/personas/\(nameOrPath).yaml"
        if FileManager.default.fileExists(atPath: candidate) {
            return (try Persona.loadAll(path: candidate), candidate)
        }
        if BuiltinPersonas.all[nameOrPath] != nil { return (try builtin(nameOrPath), nil) }
        throw TemplateError(file: nameOrPath, line: nil, key: nil,
                            message: "no such persona file (looked for \(nameOrPath), \(candidate) and the built-in examples "
                                + BuiltinPersonas.all.keys.sorted().joined(separator: ", ") + ")")
    }

    /// A sheet of cards for `personas` (one persona: one card); `photos[i]` fills the avatar of
    /// `personas[i]` (see `loadWithPhotos`).
    public static func cards(_ personas: [Persona], photos: [PersonaPhoto?] = [], options: Options = Options(),
                             measurer: (any TextMeasurer)? = nil, footnote: String? = nil) throws -> Picture {
        let m = try measurer ?? PictureWriter.measurer()
        let sheet = PersonaSheet(options: options.cardOptions(), measurer: m, columns: max(1, options.columns))
        let layout = sheet.layout(personas, photos: photos, title: options.title, footnote: footnote)
        var warnings = layout.warnings
        for p in personas {
            for id in p.unknownStages(in: options.template) {
                warnings.append(PersonaLayoutWarning(
                    persona: p.name.text(options.resolvedLanguage), element: "stages[\(id)]",
                    message: "stage \"\(id)\" is not in the template \"\(options.template.id)\"; "
                        + "its emotion is drawn last, under its id (pass the right --template)"))
            }
        }
        return Picture(scene: layout.scene, personas: personas, warnings: warnings, clustering: nil)
    }

    /// Cards for the personas of YAML files (`journeymap persona a.yaml b.yaml -o sheet.png`).
    public static func cards(yamlPaths: [String], options: Options = Options(),
                             measurer: (any TextMeasurer)? = nil) throws -> Picture {
        let loaded = try loadWithPhotos(yamlPaths: yamlPaths, allowPhotosOutside: options.allowPhotosOutside)
        return try cards(loaded.personas, photos: loaded.photos, options: options, measurer: measurer)
    }

    /// Personas found in event logs (`journeymap persona LOG --clusters k|auto`): journeys are
    /// clustered by behaviour and each segment shown becomes a card of measured facts; segments
    /// below `clustering.minCases` are listed in the footnote.
    public static func derived(from request: JourneyRequest, clustering: PersonaClusterOptions = PersonaClusterOptions(),
                               options: Options = Options(), measurer: (any TextMeasurer)? = nil) throws -> Picture {
        let files = FileNames.shown(request.log.paths)
        if measurer == nil { PictureWriter.warmUpFonts(family: options.theme.fontFamily) }
        // Clustering reads case ids (for --min-people), never case names.
        let sequences = Doomed(try request.sequences(caseNames: false))
        return try derived(from: sequences, source: files, clustering: clustering, options: options, measurer: measurer)
    }

    /// `derived(from:source:…)` that lets go of the journeys once they are clustered, on another
    /// thread: unmapping their ~175 MB (10M events) took ~35 ms on the thread that then draws.
    private static func derived(from doomed: Doomed, source: String, clustering: PersonaClusterOptions,
                                options: Options, measurer: (any TextMeasurer)?) throws -> Picture {
        let result = try PersonaClusterer(options: clustering).cluster(doomed.value!)
        let stages = doomed.value!.stages, inferred = doomed.value!.stagesInferred
        Thread.detachNewThread { doomed.value = nil }
        return try cards(clustered: result, stages: stages, stagesInferred: inferred, source: source, clustering: clustering,
                         options: options, measurer: measurer)
    }

    /// Personas found in journeys already read (`Miner(template:).sequences(table)`); `source`
    /// names the data in the default title.
    public static func derived(from sequences: JourneySequences, source: String,
                               clustering: PersonaClusterOptions = PersonaClusterOptions(),
                               options: Options = Options(), measurer: (any TextMeasurer)? = nil) throws -> Picture {
        let result = try PersonaClusterer(options: clustering).cluster(sequences)
        return try cards(clustered: result, stages: sequences.stages, stagesInferred: sequences.stagesInferred, source: source,
                         clustering: clustering, options: options, measurer: measurer)
    }

    /// The cards of clustered personas.
    private static func cards(clustered result: PersonaClustering, stages: [StageDefinition], stagesInferred: Bool,
                              source: String, clustering: PersonaClusterOptions, options: Options,
                              measurer: (any TextMeasurer)?) throws -> Picture {
        let personas = result.personas
        guard !personas.isEmpty else {
            throw PersonaError("no segment has at least \(clustering.minCases) journeys (--min-cases); "
                + "the largest has \(result.segments.first?.journeys ?? 0): lower --min-cases or --clusters")
        }
        var o = options
        // Stage names come from the journeys' stages (inferred ones when the template did not fit).
        o.template.stages = stages.filter { $0.id != StageDefinition.unassigned.id }
        let english = o.resolvedLanguage != "th"
        if o.title == nil {
            o.title = english ? "Personas found in \(source)" : "เพอร์โซนาจากข้อมูล \(source)"
        }
        var picture = try cards(personas, options: o, measurer: measurer,
                                footnote: footnote(result, clustering: clustering, english: english)
                                    + (stagesInferred ? "\n" + StageWords.inferredSentence(thai: !english) : ""))
        picture.clustering = result
        return picture
    }

    /// How k was chosen, the seed and what `--min-cases` hid.
    static func footnote(_ c: PersonaClustering, clustering: PersonaClusterOptions, english: Bool) -> String {
        let journeys = c.segments.map(\.journeys).reduce(0, +)
        let scores = c.silhouetteScores.map { "k=\($0.k): \(format($0.score))" }.joined(separator: ", ")
        var lines: [String] = []
        if case .auto = clustering.clusters {
            lines.append(english
                ? "\(CountFormat.grouped(journeys)) journeys in \(c.k) segments by k-means++ (seed \(clustering.seed)); k chosen by silhouette "
                    + (c.silhouetteJourneys < c.labels.count ? "\(c.silhouetteBasis(seed: clustering.seed)) " : "") + "(\(scores))."
                : "\(CountFormat.grouped(journeys)) เส้นทาง แบ่งเป็น \(c.k) กลุ่มด้วย k-means++ (seed \(clustering.seed)); เลือก k จากค่า silhouette "
                    + (c.silhouetteJourneys < c.labels.count
                        ? "ของตัวอย่าง \(CountFormat.grouped(c.silhouetteJourneys)) จาก \(CountFormat.grouped(c.labels.count)) เส้นทาง (seed \(clustering.seed)) " : "")
                    + "(\(scores))")
        } else {
            lines.append(english
                ? "\(CountFormat.grouped(journeys)) journeys in \(c.k) segments by k-means++ (seed \(clustering.seed)); silhouette \(scores)."
                : "\(CountFormat.grouped(journeys)) เส้นทาง แบ่งเป็น \(c.k) กลุ่มด้วย k-means++ (seed \(clustering.seed)); silhouette \(scores)")
        }
        if let hidden = c.suppressionMessage { lines.append(hidden) }
        if let k = clustering.minPeople {
            let note = JourneyGraph.PrivacyInfo(minPeople: k).note(thai: !english)
            lines.append(english ? "\(note.prefix(1).uppercased())\(note.dropFirst()): segments and facts resting on fewer people are not shown (docs/privacy.md)." : note)
        }
        return lines.joined(separator: "\n")
    }

    private static func format(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return String(format: "%.2f", r)
    }

    /// A journey map with `persona`'s lanes under the stage columns (`journeymap map LOG --persona p.yaml`).
    public static func journeyMap(_ graph: JourneyGraph, persona: Persona, options: MapOptions = MapOptions(),
                                  measurer: (any TextMeasurer)? = nil) throws -> (map: JourneyMapBuilder.Result, lanes: PersonaLanesOnMap) {
        let m = try measurer ?? PictureWriter.measurer()
        let builder = JourneyMapBuilder(graph: graph, options: options, measurer: m)
        var result = try builder.build()
        let lanes = result.addPersonaLanes(persona, theme: options.theme, language: builder.language, measurer: m)
        return (result, lanes)
    }
}

/// Journeys held only until they are clustered, then let go on another thread.
private final class Doomed: @unchecked Sendable {
    var value: JourneySequences?
    init(_ value: JourneySequences) { self.value = value }
}
