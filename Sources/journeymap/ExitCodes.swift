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

/// Prints `journeymap: error: …` for our error types and exits with their code; argument
/// errors go through ArgumentParser (help text, code 64).
func exitWithReport(_ error: Error) -> Never {
    let code: Int32
    let message: String
    switch error {
    case let e as InputError: code = ExitCodes.badInput; message = e.description
    case let e as TemplateError: code = ExitCodes.badInput; message = e.description
    case let e as JourneyFileError: code = ExitCodes.badInput; message = e.description
    case let e as MiningError: code = ExitCodes.badInput; message = e.description
    case let e as ComparisonError: code = ExitCodes.badInput; message = e.description
    case let e as PersonaError: code = ExitCodes.badInput; message = e.description
    case let e as SankeyError: code = ExitCodes.usage; message = e.description
    case let e as TimestampFormatError: code = ExitCodes.usage; message = e.description
    case let e as AtomicFile.WriteError: code = ExitCodes.cannotWrite; message = e.description
    case let e as PictureWriter.UnknownFormat: code = ExitCodes.usage; message = e.description
    case let e as RenderError:
        switch e {
        case .pictureTooLarge, .tooManyPixels, .invalidOption: code = ExitCodes.usage
        default: code = ExitCodes.internalError
        }
        message = e.description
    case let e as LayoutError:
        switch e {
        case .tooManyNodes, .slowSplinesRefused: code = ExitCodes.usage
        default: code = ExitCodes.internalError
        }
        message = e.description
    case let e as UsageError: code = ExitCodes.usage; message = e.message
    default:
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
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Lets the test suite see exit code 70 through the binary: with
/// `JOURNEYMAP_TEST_INTERNAL_ERROR=1` in the environment every command stops as an internal
/// error would (no supported input reaches one on purpose). Not for users.
enum InternalErrorProbe {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "JOURNEYMAP_TEST_INTERNAL_ERROR is set" }
    }

    static func check() throws {
        if ProcessInfo.processInfo.environment["JOURNEYMAP_TEST_INTERNAL_ERROR"] == "1" { throw Failure() }
    }
}
