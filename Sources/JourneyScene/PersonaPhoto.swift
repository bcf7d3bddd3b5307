/// A persona's photo as a picture can use it: PNG bytes ready to embed (an `ImageItem`), or
/// why the file named by the persona's `photo:` is not drawn (missing, outside the persona
/// file's folder, neither PNG nor JPEG, too large, broken), for the card's warnings.
/// JourneyRender reads and decodes it (`PersonaPhoto.load`); the core's `Persona` keeps only
/// the path as written.
public enum PersonaPhoto: Sendable, Equatable {
    case png([UInt8])
    case unusable(String)
}
