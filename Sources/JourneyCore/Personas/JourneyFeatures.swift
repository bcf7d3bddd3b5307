#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Behaviour features of journeys, standardized (z-scores), for clustering.
///
/// Columns, in order:
/// - `stage:<id>` — 1 when the journey has an event in the stage, else 0 (every stage of the
///   template, then `unassigned`);
/// - `channel:<name>` — share of the journey's events on the channel, for the `maxChannels`
///   channels with the most events in the whole log (ties by name);
/// - `log_steps` — ln(number of events);
/// - `log_time_to_convert` — ln(1 + seconds from the first event to the first event at or
///   beyond the conversion stage, or to the last event when the journey does not convert);
/// - `converted` — 1 when the journey converts (see `JourneyConversion`).
///
/// Each column is centred on its mean and divided by its standard deviation (at least 0.5 for
/// the 0…1 columns, see `init`); a constant column becomes all zeros.
///
/// Only the columns' means and divisors are kept, and each journey's time to convert (its
/// log1p is the dearest part of a row), not an n × d matrix: a journey's row is computed from
/// the sequences when it is asked for (`rows(of:)`, `forEachChunk`), the same bits every time. (The matrix of all journeys was 8·d bytes a journey, 174 MB for the
/// 1.28M journeys of the 10M-event bench log, and only the fit sample needs its rows at once.)
struct JourneyFeatures: Sendable {
    var names: [String]
    /// Journeys of the sequences.
    var count: Int
    var dimension: Int { names.count }
    private var columns: Columns
    /// Per column: its mean, what it is divided by, and whether it is constant (then all 0).
    private var mean: [Double]
    private var divisor: [Double]
    private var constant: [Bool]

    /// Journeys whose raw rows are computed at once (fixed, so sums and chunks do not depend
    /// on the number of threads).
    static let chunk = 16_384
    /// Journeys whose raw rows a thread computes at once in the passes that measure the
    /// columns (small enough that their rows, 8·d bytes each, stay in the cache until summed).
    static let rawChunk = 4_096

    /// Measures the columns' means and standard deviations: two passes over the journeys,
    /// rows computed chunk by chunk on `threads` threads, each column's sums added in journey
    /// order on one (so the result is bit for bit that of the n × d matrix standardized row by
    /// row, as before).
    ///
    /// For the 0…1 columns (stages, channel shares, converted) the divisor is floored at 0.5,
    /// the largest standard deviation such a column can have, so in effect they are centred and
    /// doubled: a rare stage or channel is not blown up into the feature that dominates every
    /// distance. (Measured on the planted-groups test log, where one event in twelve is on a
    /// stray channel: plain z-scores made `auto` split off the stray-channel journeys and pick
    /// k = 6–7; the floor gives k = 3 with silhouette 0.83 against 0.75 for the next k.)
    /// - Complexity: O(e + n·d) for e events, n journeys and d columns (each pass).
    init(_ seq: JourneySequences, conversion: JourneyConversion, maxChannels: Int, threads: Int = 1) {
        let stageCount = seq.stages.count
        // Channels with the most events (id 0 = no channel is not a channel).
        let channelEvents = seq.channels.withUnsafeBufferPointer { cs in
            ParallelTasks.counts(of: cs, buckets: seq.channelNames.count, threads: threads)
        }
        let topChannels = channelEvents.indices.filter { $0 != 0 && channelEvents[$0] > 0 }
            .sorted { channelEvents[$0] != channelEvents[$1] ? channelEvents[$0] > channelEvents[$1]
                : seq.channelNames[$0] < seq.channelNames[$1] }
            .prefix(max(0, maxChannels))
        var channelColumn = [Int](repeating: -1, count: seq.channelNames.count)
        for (k, c) in topChannels.enumerated() { channelColumn[c] = stageCount + k }

        names = seq.stages.map { "stage:\($0.id)" } + topChannels.map { "channel:\(seq.channelNames[$0])" }
            + ["log_steps", "log_time_to_convert", "converted"]
        count = seq.count
        let d = names.count
        let stepsColumn = stageCount + topChannels.count
        columns = Columns(dimension: d, stepsColumn: stepsColumn, channelColumn: channelColumn,
                          stageOfTouchpoint: seq.touchpoints.map(\.stageIndex),
                          convertsAt: seq.touchpoints.map { conversion.counts($0.stageIndex) })
        mean = [Double](repeating: 0, count: d)
        divisor = [Double](repeating: 1, count: d)
        constant = [Bool](repeating: false, count: d)
        let n = count
        guard n > 0 else { return }

        // Pass 1: column sums in journey order, then means; each journey's time to convert
        // kept (a log1p a journey, the dearest part of a row, is not computed again).
        var sums = [Double](repeating: 0, count: d)
        var timeToConvert = [Double](repeating: 0, count: n)
        columns.forEachRawChunk(seq, count: n, threads: threads) { first, rows, m in
            sums.withUnsafeMutableBufferPointer { s in
                for j in 0..<m {
                    for c in 0..<d { s[c] += rows[j * d + c] }
                    timeToConvert[first + j] = rows[j * d + stepsColumn + 1]
                }
            }
        }
        columns.timeToConvert = timeToConvert
        for c in 0..<d { mean[c] = sums[c] / Double(n) }
        // Pass 2: squared deviations in journey order.
        var variance = [Double](repeating: 0, count: d)
        let means = mean
        columns.forEachRawChunk(seq, count: n, threads: threads) { _, rows, m in
            variance.withUnsafeMutableBufferPointer { v in
                for j in 0..<m {
                    for c in 0..<d { let x = rows[j * d + c] - means[c]; v[c] += x * x }
                }
            }
        }
        let unbounded: Set<Int> = [stepsColumn, stepsColumn + 1]
        for c in 0..<d {
            let sd = (variance[c] / Double(n)).squareRoot()
            divisor[c] = unbounded.contains(c) ? sd : max(sd, 0.5)
            constant[c] = !(sd > 1e-12)
        }
    }

    /// The standardized rows of the journeys `indices` (row-major, in the order given).
    /// - Complexity: O(e + m·d) for the m journeys and their e events.
    func rows(of indices: [Int], _ seq: JourneySequences) -> [Double] {
        let d = dimension
        return [Double](unsafeUninitializedCapacity: indices.count * d) { out, initialized in
            columns.withPointers(seq) { p in
                for (r, j) in indices.enumerated() {
                    let row = out.baseAddress! + r * d
                    p.raw(j, into: row)
                    standardize(row)
                }
            }
            initialized = indices.count * d
        }
    }

    /// Calls `body(first, rows, m)` with the standardized rows of journeys `first..<first + m`,
    /// for consecutive runs of at most `block` journeys covering all of them, on `threads`
    /// threads (in any order; `rows` is valid during the call only).
    func forEachChunk(_ seq: JourneySequences, threads: Int,
                      _ body: (_ first: Int, _ rows: UnsafeMutablePointer<Double>, _ m: Int) -> Void) {
        let d = dimension, n = count
        let chunks = (n + Self.chunk - 1) / Self.chunk
        let me = self
        columns.withPointers(seq) { p in
            ParallelTasks.run(chunks, threads: threads) { i in
                let first = i * Self.chunk, end = min(n, first + Self.chunk)
                // A small buffer, filled block by block: one chunk's rows at once (2 MB at 17
                // columns) came from fresh pages every time, 170 MB of page faults on 1.28M journeys.
                let rows = UnsafeMutablePointer<Double>.allocate(capacity: Self.block * d)
                defer { rows.deallocate() }
                var from = first
                while from < end {
                    let m = min(Self.block, end - from)
                    for j in 0..<m {
                        p.raw(from + j, into: rows + j * d)
                        me.standardize(rows + j * d)
                    }
                    body(from, rows, m)
                    from += m
                }
            }
        }
    }

    /// Rows handed to `forEachChunk`'s body at once.
    static let block = 256

    /// z-score of each column of `row` in place (constant columns 0).
    @inline(__always)
    private func standardize(_ row: UnsafeMutablePointer<Double>) {
        mean.withUnsafeBufferPointer { mean in
            divisor.withUnsafeBufferPointer { divisor in
                constant.withUnsafeBufferPointer { constant in
                    for c in 0..<mean.count { row[c] = constant[c] ? 0 : (row[c] - mean[c]) / divisor[c] }
                }
            }
        }
    }
}

/// What a journey's raw row is computed from: the column of each stage, channel and measure.
private struct Columns: Sendable {
    let dimension: Int
    let stepsColumn: Int
    /// Column of each channel id (-1: not a feature).
    let channelColumn: [Int]
    let stageOfTouchpoint: [Int]
    /// Per touchpoint: its stage counts as converting (`JourneyConversion.counts`).
    let convertsAt: [Bool]
    /// `log_time_to_convert` of every journey once measured (empty before).
    var timeToConvert: [Double] = []
    /// ln(n) of the first path lengths (the same `log`, looked up).
    let logOfLength: [Double] = (0..<1024).map { log(Double($0)) }

    /// `body` with pointers to the sequences and the tables (valid during the call).
    func withPointers<R>(_ seq: JourneySequences, _ body: (RawRows) -> R) -> R {
        seq.withColumnPointers { offsets, steps, times, channels in
            channelColumn.withUnsafeBufferPointer { channelColumn in
                stageOfTouchpoint.withUnsafeBufferPointer { stageOf in
                    convertsAt.withUnsafeBufferPointer { convertsAt in
                        timeToConvert.withUnsafeBufferPointer { timeToConvert in
                            logOfLength.withUnsafeBufferPointer { logOfLength in
                                body(RawRows(d: dimension, stepsColumn: stepsColumn, offsets: offsets.baseAddress!,
                                             steps: steps.baseAddress, times: times.baseAddress,
                                             channels: channels.baseAddress, channelColumn: channelColumn.baseAddress,
                                             stageOf: stageOf.baseAddress, convertsAt: convertsAt.baseAddress,
                                             timeToConvert: timeToConvert.isEmpty ? nil : timeToConvert.baseAddress,
                                             logOfLength: logOfLength.baseAddress!, logLengths: logOfLength.count))
                            }
                        }
                    }
                }
            }
        }
    }

    /// `body(first, rows, m)` with the raw rows of consecutive chunks of journeys in journey
    /// order: each chunk's rows computed by whichever of `threads` threads is free, and handed
    /// to `body` in order, one chunk at a time (`ParallelTasks.runInOrder`), while the next
    /// chunks' rows are computed on the other threads. (Handed over by the calling thread after
    /// each batch of chunks, the sums left the other threads idle: ~20 ms of each pass over the
    /// 1.28M journeys of the 10M-event bench log, the rows read back from beyond the cache.)
    func forEachRawChunk(_ seq: JourneySequences, count n: Int, threads: Int,
                         _ body: (_ first: Int, _ rows: UnsafePointer<Double>, _ m: Int) -> Void) {
        let d = dimension, chunk = JourneyFeatures.rawChunk
        let chunks = (n + chunk - 1) / chunk
        let slots = max(1, min(threads, chunks))
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: slots * chunk * d)
        defer { buffer.deallocate() }
        let out = RowBuffer(base: buffer)
        withPointers(seq) { p in
            ParallelTasks.runInOrder(chunks, threads: threads, work: { i, slot in
                let first = i * chunk, m = min(n, first + chunk) - first
                for j in 0..<m { p.raw(first + j, into: out.base + (slot * chunk + j) * d) }
            }, finish: { i, slot in
                let first = i * chunk
                body(first, buffer + slot * chunk * d, min(n, first + chunk) - first)
            })
        }
    }
}

private struct RowBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
}

/// A journey's raw (not yet standardized) row, computed from pointers into the sequences.
private struct RawRows: @unchecked Sendable {
    let d: Int
    let stepsColumn: Int
    let offsets: UnsafePointer<Int>
    let steps: UnsafePointer<Int32>?
    let times: UnsafePointer<Int64>?
    let channels: UnsafePointer<UInt32>?
    let channelColumn: UnsafePointer<Int>?
    let stageOf: UnsafePointer<Int>?
    let convertsAt: UnsafePointer<Bool>?
    /// Each journey's `log_time_to_convert` when measured already.
    let timeToConvert: UnsafePointer<Double>?
    let logOfLength: UnsafePointer<Double>
    let logLengths: Int

    /// Journey `j`'s raw row into `row` (`d` values): the same operations, in the same order,
    /// as the n × d matrix was filled with before (channel shares added event by event).
    @inline(__always)
    func raw(_ j: Int, into row: UnsafeMutablePointer<Double>) {
        row.update(repeating: 0, count: d)
        let lo = offsets[j], hi = offsets[j + 1]
        guard hi > lo, let steps, let times, let channels, let channelColumn, let stageOf, let convertsAt else { return }
        var conversionTime: Int64?
        for e in lo..<hi {
            let t = Int(steps[e])
            row[stageOf[t]] = 1
            if conversionTime == nil && convertsAt[t] { conversionTime = times[e] }
        }
        let n = hi - lo
        let share = 1 / Double(n)
        for e in lo..<hi {
            let c = channelColumn[Int(channels[e])]
            if c >= 0 { row[c] += share }
        }
        row[stepsColumn] = n < logLengths ? logOfLength[n] : log(Double(n))
        if let timeToConvert {
            row[stepsColumn + 1] = timeToConvert[j]
        } else {
            let end = conversionTime ?? times[hi - 1]
            row[stepsColumn + 1] = log1p(max(0, Double(end - times[lo]) / 1_000_000))
        }
        row[stepsColumn + 2] = conversionTime != nil ? 1 : 0
    }
}

/// When a journey counts as converted: it has an event in the conversion stage or in a later
/// stage of the template (the unassigned stage never counts). Default stage: `decision`.
public struct JourneyConversion: Sendable, Equatable {
    /// Index of the conversion stage in `JourneySequences.stages`.
    public let stageIndex: Int
    /// Index of the unassigned stage (not a conversion).
    let unassignedIndex: Int

    public init(stage: String, stages: [StageDefinition]) throws {
        guard let i = stages.firstIndex(where: { $0.id == stage }), stage != StageDefinition.unassigned.id else {
            let ids = stages.map(\.id).filter { $0 != StageDefinition.unassigned.id }
            throw PersonaError("conversion stage \"\(stage)\" is not a stage of the template; expected one of: \(ids.joined(separator: ", "))")
        }
        stageIndex = i
        unassignedIndex = stages.firstIndex { $0.id == StageDefinition.unassigned.id } ?? stages.count
    }

    func counts(_ stage: Int) -> Bool { stage >= stageIndex && stage != unassignedIndex }

    /// The last stage (in order, not the unassigned one) that at least `minShare` of the
    /// journeys reach: what "converts" means when no `--conversion-stage` is given, so it means
    /// something whatever the template matched (`defaultRule`). The first stage when no other is reached.
    public static func lastReachedStage(_ seq: JourneySequences, minShare: Double = 0.1, threads: Int = 1) -> String {
        let unassigned = seq.stages.firstIndex { $0.id == StageDefinition.unassigned.id } ?? seq.stages.count
        let stageCount = seq.stages.count
        let stageOf = seq.touchpoints.map(\.stageIndex)
        let stageBits = stageOf.map { $0 < 64 ? UInt64(1) << UInt64($0) : 0 }
        // Journeys reaching each stage, counted chunk by chunk on `threads` threads and added.
        let chunk = 1 << 16, n = seq.count
        let counts = seq.offsets.withUnsafeBufferPointer { offsets in
            seq.steps.withUnsafeBufferPointer { steps in
                let walk = StepPointers(offsets: offsets.baseAddress!, steps: steps.baseAddress)
                return ParallelTasks.map((n + chunk - 1) / chunk, threads: threads) { c in
                    var reached = [Int](repeating: 0, count: stageCount)
                    guard let steps = walk.steps else { return reached }
                    let journeys = (c * chunk)..<min(n, (c + 1) * chunk)
                    if stageCount <= 64 {
                        // Each journey's stages as bits, counted once it ends (measured: a
                        // "last journey seen" check per event was ~2 % of `persona`'s CPU).
                        stageBits.withUnsafeBufferPointer { bitOf in
                            reached.withUnsafeMutableBufferPointer { reached in
                                for j in journeys {
                                    var mask: UInt64 = 0
                                    for e in walk.offsets[j]..<walk.offsets[j + 1] { mask |= bitOf[Int(steps[e])] }
                                    while mask != 0 {
                                        reached[mask.trailingZeroBitCount] += 1
                                        mask &= mask - 1
                                    }
                                }
                            }
                        }
                        return reached
                    }
                    var seen = [Int](repeating: -1, count: stageCount)
                    for j in journeys {
                        for e in walk.offsets[j]..<walk.offsets[j + 1] {
                            let s = stageOf[Int(steps[e])]
                            if seen[s] != j { seen[s] = j; reached[s] += 1 }
                        }
                    }
                    return reached
                }
            }
        }
        var reached = [Int](repeating: 0, count: stageCount)
        for part in counts { for s in 0..<stageCount { reached[s] += part[s] } }
        let stages = seq.stages.indices.filter { $0 != unassigned }
        func share(_ s: Int) -> Double { Double(reached[s]) / Double(max(1, seq.count)) }
        guard let last = stages.last(where: { share($0) >= minShare }) else { return seq.stages[stages.first ?? 0].id }
        // A stage nearly every journey reaches says nothing (a web log's inferred phases: every
        // persona "converted" 100 %): then the first later stage at least 1 % reach, the
        // template's decision stage when it is one of those.
        guard share(last) >= Self.nearlyAll else { return seq.stages[last].id }
        let later = stages.filter { $0 > last && share($0) >= Self.fallbackShare }
        let pick = later.first { seq.stages[$0].id == "decision" } ?? later.first ?? last
        return seq.stages[pick].id
    }

    /// A stage this share of journeys reach is no conversion (`lastReachedStage`).
    public static let nearlyAll = 0.9
    /// The share of journeys the default conversion stage needs after a stage nearly all reach.
    public static let fallbackShare = 0.01

    /// How the default conversion stage is chosen, for notes and help.
    public static let defaultRule = "the last stage at least a tenth of journeys reach, or, when nine in ten reach that one, the first later one at least 1 % reach"

    /// Time (µs) of the journey's first event at or beyond the conversion stage.
    func conversionTime(_ seq: JourneySequences, journey j: Int) -> Int64? {
        for (t, time) in zip(seq.path(j), seq.timestamps(j)) where counts(seq.touchpoints[Int(t)].stageIndex) {
            return time
        }
        return nil
    }

    func converts(_ seq: JourneySequences, journey j: Int) -> Bool {
        seq.path(j).contains { counts(seq.touchpoints[Int($0)].stageIndex) }
    }
}

/// Pointers to the journeys' offsets and steps, shared by the tasks that read them.
private struct StepPointers: @unchecked Sendable {
    let offsets: UnsafePointer<Int>
    let steps: UnsafePointer<Int32>?
}

/// Deriving personas failed for a reason the user can fix.
public struct PersonaError: CategorizedError, Sendable, Equatable {
    public var category: ErrorCategory { .badInput }
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
