/// Where a picture's stages come from (`--stages`).
public enum StageMode: String, Sendable, CaseIterable {
    /// The template's, unless it places less than half of the events: then inferred
    /// (the template's stages that did match keep their names).
    case fallback
    /// Always inferred from the data (matched template stages keep their names).
    case auto
    /// The template's, whatever it matched (activities it does not place are "Unassigned").
    case template
}
