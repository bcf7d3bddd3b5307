import Foundation
import JourneyRender
import JourneyScene
import JourneyTestSupport

/// True when every component of `a` is within `tolerance` of `b`.
func isClose(_ a: Color?, _ b: Color, tolerance: Double = 3.0 / 255) -> Bool {
    guard let a else { return false }
    return abs(a.red - b.red) <= tolerance && abs(a.green - b.green) <= tolerance
        && abs(a.blue - b.blue) <= tolerance && abs(a.alpha - b.alpha) <= tolerance
}

/// Runs a program, returning its exit status and standard error (`ProcessRunner`).
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
    let r = try ProcessRunner.run(executable, arguments)
    return (r.status, r.stderr)
}

/// Runs a program and returns its standard output (`ProcessRunner`).
func output(of executable: String, _ arguments: [String]) throws -> String {
    try ProcessRunner.run(executable, arguments).stdout
}

/// A fresh path under the temporary directory.
func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("journeyrender-\(UUID().uuidString)-\(name)").path
}

func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

let rsvgConvert = "/usr/bin/rsvg-convert"
let pdfinfo = "/usr/bin/pdfinfo"

/// nil when equal, else where two byte arrays first differ and a little context from each,
/// so a failed comparison does not print half a megabyte.
func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String? {
    guard a != b else { return nil }
    let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
    func around(_ x: [UInt8]) -> String {
        String(decoding: x[max(0, i - 80)..<min(x.count, i + 80)], as: UTF8.self)
    }
    return "sizes \(a.count) and \(b.count) differ from byte \(i):\n\(around(a))\n---\n\(around(b))"
}

/// Results written from several threads at distinct indices.
final class ResultBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: Value) { lock.withLock { values[i] = v } }
    func get(_ i: Int) -> Value? { lock.withLock { values[i] } }
}
