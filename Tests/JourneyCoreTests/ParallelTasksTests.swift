import Foundation
import Synchronization
import Testing
@testable import JourneyCore

/// `ParallelTasks.runInOrder`: every task's work once, each finish after its own work and in
/// index order, one at a time, and no slot held by two tasks in flight at once.
@Suite(.timeLimit(.minutes(1))) struct ParallelTasksTests {
    @Test(arguments: [1, 2, 3, 5])
    func finishesInOrderWithSlotsOfTheirOwn(threads: Int) {
        for count in [0, 1, 2, 7, 64, 301] {
            let log = OrderLog(count: count, slots: threads)
            ParallelTasks.runInOrder(count, threads: threads, work: { i, slot in
                log.begin(i, slot: slot)
                // Uneven work, so that later tasks finish their work before earlier ones.
                if i % 16 == 0 { usleep(5_000) }
                log.worked(i)
            }, finish: { i, slot in
                log.finish(i, slot: slot)
            })
            let result = log.result()
            #expect(result.worked == Array(repeating: 1, count: count), "count \(count)")
            #expect(result.finished == Array(0..<count), "count \(count)")
            #expect(result.clashes == 0 && result.finishedBeforeWork == 0, "count \(count)")
        }
    }
}

/// What the tasks of one `runInOrder` call did, under a lock.
private final class OrderLog: @unchecked Sendable {
    private let lock = NSLock()
    private var worked: [Int]
    private var finished: [Int] = []
    private var holder: [Int]
    private var clashes = 0, finishedBeforeWork = 0
    private var inFinish = false

    init(count: Int, slots: Int) {
        worked = Array(repeating: 0, count: count)
        holder = Array(repeating: -1, count: max(1, slots))
    }

    func begin(_ i: Int, slot: Int) {
        lock.withLock {
            if slot < 0 || slot >= holder.count || holder[slot] != -1 { clashes += 1 } else { holder[slot] = i }
        }
    }

    func worked(_ i: Int) {
        lock.withLock { worked[i] += 1 }
    }

    func finish(_ i: Int, slot: Int) {
        lock.withLock {
            if inFinish { clashes += 1 }
            inFinish = true
            if worked[i] != 1 { finishedBeforeWork += 1 }
            if slot >= 0 && slot < holder.count && holder[slot] == i { holder[slot] = -1 } else { clashes += 1 }
        }
        lock.withLock {
            finished.append(i)
            inFinish = false
        }
    }

    func result() -> (worked: [Int], finished: [Int], clashes: Int, finishedBeforeWork: Int) {
        lock.withLock { (worked, finished, clashes, finishedBeforeWork) }
    }
}
