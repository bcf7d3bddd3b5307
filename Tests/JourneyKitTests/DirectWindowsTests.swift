import Foundation
import Testing
import JourneyKit
import JourneyTestSupport

/// `DirectCSVMiner.mineWindows` (the fast path of `compare LOG --before .. --after ..`) gives
/// exactly the pair of journey files the general path gives (`ComparisonInputs.split`: an
/// `EventTable` mined once per side with its `journeyWindow`), and the same window counts,
/// whatever the threads, ranges and partitions, by start and by end, with sessions, with the
/// case runs in memory or spilled to a file.
@Suite struct DirectWindowsTests {
    let scratch = ScratchFolders("jm-direct-windows")
    let columns = ReadOptions(columns: ColumnSpec(caseColumn: "user", activityColumn: "event", timestampColumn: "time",
                                                  channelColumn: "channel"))

    /// Cases recurring all over the file, over ~14 hours (sessions of a 1-hour gap cut them),
    /// equal times, times out of order, empty channels, a channel seen only late.
    func shuffledLog(rows: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let activities = ["ad_impression", "product_view", "add_to_cart", "checkout", "payment", "review_written", "support_chat"]
        var text = "user,event,time,channel\n"
        for i in 0..<rows {
            let c = Int(rng.next() % UInt64(max(1, rows / 6)))
            let second = 1_700_000_000 + Int(rng.next() % 50_000)
            let stamp = i % 3 == 0 ? "\(second)" : TimestampFormatting.iso(second - second % 60)
            let channel = i > rows * 3 / 4 && i % 7 == 0 ? "sms" : ["web", "app", "", "email"][i % 4]
            text += "u\(c),\(activities[Int(rng.next() % 7)]),\(stamp),\(channel)\n"
        }
        return text
    }

    func general(_ path: String, before: JourneyWindow, after: JourneyWindow, mining: MiningOptions) throws -> ComparisonPair {
        var request = JourneyRequest(log: LogRequest(paths: [path], read: columns), mining: mining)
        request.direct = false
        let split = ComparisonSplit.windows(before: TimeWindow(start: before.start, end: before.end, text: "b"),
                                            after: TimeWindow(start: after.start, end: after.end, text: "a"))
        return try ComparisonRequest.split(request, by: split, assignBy: before.assignBy).inputs().pair
    }

    func generalSequences(_ path: String, before: JourneyWindow, after: JourneyWindow,
                          mining: MiningOptions) throws -> ComparisonSequences? {
        var request = JourneyRequest(log: LogRequest(paths: [path], read: columns), mining: mining)
        request.direct = false
        let split = ComparisonSplit.windows(before: TimeWindow(start: before.start, end: before.end, text: "b"),
                                            after: TimeWindow(start: after.start, end: after.end, text: "a"))
        return try ComparisonRequest.split(request, by: split, assignBy: before.assignBy).inputs(paths: true).sequences
    }

    func expectSame(_ a: JourneySequences, _ b: JourneySequences, _ what: String) {
        #expect(a.touchpoints == b.touchpoints, "touchpoints, \(what)")
        #expect(a.offsets == b.offsets, "offsets, \(what)")
        #expect(a.steps == b.steps, "steps, \(what)")
        #expect(a.times == b.times, "times, \(what)")
        #expect(a.channels == b.channels, "channels, \(what)")
        #expect(a.channelNames == b.channelNames, "channel names, \(what)")
        #expect(a.caseOfJourney == b.caseOfJourney, "cases of journeys, \(what)")
        #expect(a.caseNames.strings == b.caseNames.strings, "case names, \(what)")
    }

    func direct(_ path: String, before: JourneyWindow, after: JourneyWindow, mining: MiningOptions,
                threads: Int, partitionBits: Int?) throws -> WindowGraphs? {
        var options = mining
        options.threads = threads
        var miner = DirectCSVMiner(template: .builtinDefault(), options: options, read: columns)
        miner.minimumBytesPerThread = 512
        miner.chunkSize = 700
        miner.partitionBits = partitionBits
        miner.stageMode = .fallback
        // From 3 threads the case runs go to a spill file (large logs), dozens of ranges.
        miner.spillAboveBytes = threads >= 3 ? 0 : Int.max
        miner.spillRangeBytes = 4096
        return try miner.mineWindows(path: path, before: before, after: after)
    }

    @Test(arguments: [(1, nil), (2, 0), (2, 3), (3, 6), (4, nil)] as [(Int, Int?)])
    func sameGraphsAsTheGeneralPath(threads: Int, partitionBits: Int?) throws {
        let path = try scratch.folder().write("log.csv", shuffledLog(rows: 4000, seed: 11))
        let t0: Int64 = 1_700_000_000_000_000, hour: Int64 = 3_600_000_000
        for assignBy in JourneyWindow.AssignBy.allCases {
            for gap in [nil, hour] as [Int64?] {
                var mining = MiningOptions()
                mining.sessionGapMicros = gap
                mining.countsPeople = gap != nil
                // Adjacent windows (journeys straddle the boundary), and a gap between them.
                for (b, a) in [((nil, t0 + 6 * hour), (t0 + 6 * hour, nil)),
                               ((t0 + hour, t0 + 4 * hour), (t0 + 8 * hour, t0 + 11 * hour))] as [((Int64?, Int64?), (Int64?, Int64?))] {
                    let before = JourneyWindow(start: b.0, end: b.1, assignBy: assignBy)
                    let after = JourneyWindow(start: a.0, end: a.1, assignBy: assignBy)
                    let what = "\(assignBy), gap \(String(describing: gap)), \(b) \(a), threads \(threads), bits \(String(describing: partitionBits))"
                    let expected = try general(path, before: before, after: after, mining: mining)
                    let got = try #require(try direct(path, before: before, after: after, mining: mining, threads: threads,
                                                      partitionBits: partitionBits), "\(what)")
                    #expect(try got.before.jsonData() == expected.before.jsonData(), "before, \(what)")
                    #expect(try got.after.jsonData() == expected.after.jsonData(), "after, \(what)")
                    let w = try #require(expected.windows)
                    #expect(got.beforeStats.journeys == w.journeys, "\(what)")
                    #expect(got.beforeStats.spanning == w.spanningBefore && got.afterStats.spanning == w.spanningAfter, "\(what)")
                    #expect(w.journeys - got.beforeStats.kept - got.afterStats.kept == w.leftOut, "\(what)")
                    if gap == nil { #expect(w.spanning > 0, "journeys straddle a boundary, \(what)") }
                    // The paths (diff Sankey, attribution): the direct sequences split by window.
                    let paths = try #require(try generalSequences(path, before: before, after: after, mining: mining))
                    var miner = DirectCSVMiner(template: .builtinDefault(), options: mining, read: columns)
                    miner.options.threads = threads
                    miner.minimumBytesPerThread = 512
                    miner.chunkSize = 700
                    miner.partitionBits = partitionBits
                    miner.stageMode = .fallback
                    let all = try #require(try miner.sequences(path: path))
                    expectSame(all.taking(before), paths.before, "before paths, \(what)")
                    expectSame(all.taking(after), paths.after, "after paths, \(what)")
                }
            }
        }
    }
}
