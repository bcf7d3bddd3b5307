import Foundation
import Testing
import JourneyKit

/// Opt-in timing of the issue's benchmark (a 10-step Sankey of 1M events drawn in ≤ 0.5 s
/// beyond reading the log): `python3 ../shared/bench/gen_journeys.py 1000000 /tmp/b1m.csv`, then
/// `JM_BENCH=1 JM_BENCH_FILE=/tmp/b1m.csv swift test -c release -Xswiftc -enable-testing --filter SankeyBenchTests`.
/// Prints each stage's time; fails only when the work after reading exceeds 0.5 s.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["JM_BENCH"] == "1", "set JM_BENCH=1 to run"))
struct SankeyBenchTests {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    @Test func tenStepSankeyOfTheBenchLog() throws {
        let path = ProcessInfo.processInfo.environment["JM_BENCH_FILE"] ?? "/tmp/b1m.csv"
        guard FileManager.default.fileExists(atPath: path) else {
            Issue.record("\(path) missing; make it with ../shared/bench/gen_journeys.py 1000000 \(path)")
            return
        }
        let measurer = try PictureWriter.measurer()
        for mode in [SankeyFlows.Mode.steps, .stages] {
            var loaded: LoadedLog?
            let read = try Self.seconds { loaded = try LogLoader.load(LogRequest(paths: [path])) }
            let table = try #require(loaded).table
            var sequences: JourneySequences?
            let group = try Self.seconds { sequences = try Miner(template: .builtinDefault()).sequences(table) }
            var flows: SankeyFlows?
            let flow = try Self.seconds { flows = try SankeyPictures.flows(try #require(sequences), mode: mode, options: SankeyOptions(steps: 10)) }
            var scene: Scene?
            let layout = try Self.seconds { scene = SankeySceneBuilder(flows: try #require(flows), measurer: measurer).build().scene }
            var bytes = 0
            let draw = try Self.seconds { bytes = try render(try #require(scene), format: .png).count }
            let beyond = group + flow + layout + draw
            print("SankeyBench \(mode): \(table.count) events; read \(String(format: "%.3f", read)) s; then paths \(String(format: "%.3f", group)) s, flows \(String(format: "%.3f", flow)) s, layout \(String(format: "%.3f", layout)) s, PNG \(String(format: "%.3f", draw)) s (\(bytes) bytes) = \(String(format: "%.3f", beyond)) s beyond reading")
            #expect(beyond <= 0.5)
        }
    }
}
