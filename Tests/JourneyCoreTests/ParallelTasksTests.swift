import Foundation
import Synchronization
import Testing
@testable import JourneyCore

/// `ParallelTasks.runInOrder`: every task's work once, each finish after its own work and in
/// index order, one at a time, and no slot held by two tasks in flight at once — checked with
/// the work really spread over threads: each call runs on a `Thread` of its own (from the test
/// runner's pool, Dispatch often ran every iteration on one thread, where any order passes),
/// and task 0's work waits until task 1's has started, so that the run fails if it did not
/// overlap.
@Suite(.serialized, .timeLimit(.minutes(1))) struct ParallelTasksTests {
    @Test(arguments: [1, 2, 3, 5])
    func finishesInOrderWithSlotsOfTheirOwn(threads: Int) {
        for count in [0, 1, 2, 7, 64, 301] {
            let log = OrderLog(count: count, slots: threads)
            onThread {
                ParallelTasks.runInOrder(count, threads: threads, work: { i, slot in
                    log.begin(i, slot: slot)
                    if i == 0 && threads > 1 && count > 1 {
                        log.waitForSecondTask()
                    } else if i % 16 == 0 {
                        usleep(2_000)  // uneven work: later tasks finish their work first
                    }
                    log.worked(i)
                }, finish: { i, slot in
                    log.finish(i, slot: slot)
                })
            }
            let result = log.result()
            #expect(result.worked == Array(repeating: 1, count: count), "count \(count)")
            #expect(result.finished == Array(0..<count), "count \(count)")
            #expect(result.clashes == 0 && result.finishedBeforeWork == 0, "count \(count)")
            if threads > 1 && count > 1 {
                #expect(result.overlapped, "threads \(threads), count \(count): the tasks ran one after another")
            }
        }
    }

    /// Runs `body` on a new thread and waits for it.
    private func onThread(_ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.start()
        done.wait()
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
    private var begun = Set<Int>()
    private var overlapped = false

    init(count: Int, slots: Int) {
        worked = Array(repeating: 0, count: count)
        holder = Array(repeating: -1, count: max(1, slots))
    }

    func begin(_ i: Int, slot: Int) {
        lock.withLock {
            begun.insert(i)
            if slot < 0 || slot >= holder.count || holder[slot] != -1 { clashes += 1 } else { holder[slot] = i }
        }
    }

    /// Waits (up to 10 s) until task 1's work has begun; notes whether it did.
    func waitForSecondTask() {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if lock.withLock({ begun.contains(1) }) {
                lock.withLock { overlapped = true }
                return
            }
            usleep(200)
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
        usleep(50)  // a finish that is not alone would be seen by the next one
        lock.withLock {
            finished.append(i)
            inFinish = false
        }
    }

    func result() -> (worked: [Int], finished: [Int], clashes: Int, finishedBeforeWork: Int, overlapped: Bool) {
        lock.withLock { (worked, finished, clashes, finishedBeforeWork, overlapped) }
    }
}
