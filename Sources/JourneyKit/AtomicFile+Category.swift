import JourneyCore

/// An output that cannot be written is exit 73. (Declared beside `AtomicFile.swift` rather
/// than in it so that file, reworked for the output-safety issue, is edited in one place.)
extension AtomicFile.WriteError: CategorizedError {
    public var category: ErrorCategory { .cannotWrite }
}
