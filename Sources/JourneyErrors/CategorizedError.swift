/// What kind of failure an error is, decided where the error type is defined; the CLI turns
/// it into an exit code (usage 64, bad input 65, cannot write 73, internal 70) without a list
/// of error types, so a new error cannot fall through to "internal error" by being forgotten.
public enum ErrorCategory: Sendable, Equatable {
    /// A flag or its value does not make sense (or needs another flag to be allowed).
    case usage
    /// A log, template, theme, persona or journey file is not what it should be.
    case badInput
    /// An output cannot be written.
    case cannotWrite
    /// A bug, or a library failing on input it should have taken.
    case `internal`
}

/// An error that knows its category and says what went wrong in its description.
public protocol CategorizedError: Error, CustomStringConvertible {
    var category: ErrorCategory { get }
}
