import JourneyCore
import JourneyScene
import JourneyLayout

extension Demo {
    /// The persona pictures of `journeymap demo`, from the built-in example personas and the
    /// English sample: a Thai card (with English under it), both example cards on one sheet,
    /// the personas k-means finds in the sample, and the journey map with Maya's lanes.
    /// Add them to `pictures` with `+ Demo.personaPictures`.
    public static var personaPictures: [Picture] {
        [
            Picture(file: "persona-nok-th.png") { try personaCard($0, ["nok-thai-shopper"], language: "th", secondary: "en") },
            Picture(file: "personas-sheet.png") { try personaCard($0, ["maya-online-shopper", "nok-thai-shopper"]) },
            Picture(file: "personas-from-data.png") {
                try PersonaPictures.derived(from: Miner(template: $0.template).sequences($0.englishTable),
                                            source: "shop-journeys.csv", measurer: $0.measurer).scene
            },
            Picture(file: "journey-map-persona.png") {
                try PersonaPictures.journeyMap($0.english, persona: PersonaPictures.builtin("maya-online-shopper")[0],
                                               measurer: $0.measurer).map.scene
            },
        ]
    }

    /// Cards of built-in example personas.
    public static func personaCard(_ inputs: Inputs, _ names: [String], language: String = "en",
                                   secondary: String? = nil) throws -> Scene {
        try PersonaPictures.cards(names.flatMap(PersonaPictures.builtin),
                                  options: .init(language: language, secondaryLanguage: secondary, columns: 2),
                                  measurer: inputs.measurer).scene
    }
}
