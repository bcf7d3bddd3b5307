import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Runs `count` independent tasks on up to `threads` threads, each task once, taken in index
/// order by whichever thread is free. Tasks must write only what is theirs (their own slot of a
/// buffer), so the result does not depend on the number of threads or on who ran what.
package enum ParallelTasks {
    package static func run(_ count: Int, threads: Int, _ task: (Int) -> Void) {
        let workers = min(max(1, threads), count)
        guard workers > 1 else {
            for i in 0..<count { task(i) }
            return
        }
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(task) { task in
            let box = TaskBox(task)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                // A thread takes its next task only when its last one is done. Acquiring and
                // releasing: what a task did happens before the tasks taken after it (which
                // `runInOrder`'s slots rely on).
                while true {
                    let i = next.add(1, ordering: .acquiringAndReleasing).oldValue
                    guard i < count else { break }
                    box.task(i)
                }
            }
        }
    }

    /// `run`, collecting each task's value in index order.
    package static func map<T>(_ count: Int, threads: Int, _ task: (Int) -> T) -> [T] {
        let slots = UnsafeMutablePointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
        defer { slots.deinitialize(count: count); slots.deallocate() }
        let out = SlotPointer(slots)
        run(count, threads: threads) { i in out.pointer[i] = task(i) }
        return (0..<count).map { slots[$0]! }
    }
}

extension ParallelTasks {
    /// `run`, with a second step per task, `finish`, called in index order, one task at a
    /// time, after that task's `work`: the work of later tasks goes on on the other threads
    /// while a step that must go in order (sums added in journey order) runs, instead of every
    /// thread but one waiting for it. `slot` (0..<threads) is unique among the tasks in
    /// flight, for buffers per slot: a thread takes a new task only once its last one is
    /// finished, and finishing goes in order, so the tasks in flight are the ones from the
    /// first unfinished one on, at most one per thread.
    package static func runInOrder(_ count: Int, threads: Int, work: (_ task: Int, _ slot: Int) -> Void,
                                   finish: (_ task: Int, _ slot: Int) -> Void) {
        let workers = min(max(1, threads), count)  // `run`'s threads
        let finished = Atomic<Int>(0)
        run(count, threads: threads) { i in
            work(i, i % workers)
            // The task before is in flight on another thread: a short wait (none on one thread).
            var spins = 0
            while finished.load(ordering: .acquiring) != i {
                spins += 1
                if spins > 100 { sched_yield() }
            }
            finish(i, i % workers)
            finished.store(i + 1, ordering: .releasing)
        }
    }
}

/// The task closure, shared by the worker threads (each call touches only its own slots).
private final class TaskBox: @unchecked Sendable {
    let task: (Int) -> Void
    init(_ task: @escaping (Int) -> Void) { self.task = task }
}

private struct SlotPointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T?>
    init(_ pointer: UnsafeMutablePointer<T?>) { self.pointer = pointer }
}
