import ArgumentParser
import Foundation
import JourneyKit

/// Documented exit codes (see `journeymap --help`), following BSD sysexits.
enum ExitCodes {
    static let usage: Int32 = 64
    static let badInput: Int32 = 65
    static let internalError: Int32 = 70
    static let cannotWrite: Int32 = 73
}

/// The exit code of each error category.
func exitCode(_ category: ErrorCategory) -> Int32 {
    switch category {
    case .usage: ExitCodes.usage
    case .badInput: ExitCodes.badInput
    case .cannotWrite: ExitCodes.cannotWrite
    case .internal: ExitCodes.internalError
    }
}

/// Prints `journeymap: error: …` and exits with the code of the error's category (each
/// error type says its own where it is defined); argument errors go through ArgumentParser
/// (help text, code 64). Anything else is a bug: exit 70.
func exitWithReport(_ error: Error) -> Never {
    let code: Int32
    let message: String
    if let e = error as? any CategorizedError {
        code = exitCode(e.category)
        message = e.category == .internal ? "internal error: \(e.description)" : e.description
    } else {
        // ArgumentParser's own errors (help, version, bad flags: 64) keep its handling; its
        // messages about bad flags quote the values given, so they are made terminal-safe.
        let parserCode = JourneyMapCommand.exitCode(for: error)
        if parserCode == .success { JourneyMapCommand.exit(withError: error) }
        if parserCode != .failure {
            Console.error(JourneyMapCommand.fullMessage(for: error) + "\n")
            Foundation.exit(parserCode.rawValue)
        }
        code = ExitCodes.internalError
        message = "internal error: \(error)"
    }
    Console.error("journeymap: error: \(message)\n")
    Foundation.exit(code)
}

/// A flag value that does not make sense.
struct UsageError: CategorizedError {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
    var category: ErrorCategory { .usage }
}

/// Lets the test suite see exit code 70 through the binary: with
/// `JOURNEYMAP_TEST_INTERNAL_ERROR=1` in the environment every command stops as an internal
/// error would (no supported input reaches one on purpose). Only in debug builds, the ones
/// the tests run (Package.swift defines `JOURNEYMAP_INTERNAL_ERROR_PROBE` for them): the
/// release binary, the one shipped, ignores the variable.
enum InternalErrorProbe {
    struct Failure: CategorizedError {
        var description: String { "JOURNEYMAP_TEST_INTERNAL_ERROR is set" }
        var category: ErrorCategory { .internal }
    }

    static func check() throws {
        #if JOURNEYMAP_INTERNAL_ERROR_PROBE
        if ProcessInfo.processInfo.environment["JOURNEYMAP_TEST_INTERNAL_ERROR"] == "1" { throw Failure() }
        #endif
    }
}
