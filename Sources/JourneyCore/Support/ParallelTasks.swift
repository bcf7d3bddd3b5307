import Dispatch
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
                while true {
                    let i = next.add(1, ordering: .relaxed).oldValue
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

/// The task closure, shared by the worker threads (each call touches only its own slots).
private final class TaskBox: @unchecked Sendable {
    let task: (Int) -> Void
    init(_ task: @escaping (Int) -> Void) { self.task = task }
}

private struct SlotPointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T?>
    init(_ pointer: UnsafeMutablePointer<T?>) { self.pointer = pointer }
}
