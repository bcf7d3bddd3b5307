import CLibPQ
import Foundation
import JourneyEngines
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C while a query runs: asks the server to cancel it (`PQcancel`, which libpq documents
/// as safe in a signal handler), so the server stops working and `PQgetResult` returns the
/// cancellation. A second Ctrl-C, or one outside a query, goes to the handler that was there
/// before (journeymap's: remove temporary outputs, exit 130). SIGTERM cancels too, through
/// `ChildProcesses.serverCancel`, before journeymap's handler exits.
enum QueryCancel {
    nonisolated(unsafe) static var cancel: OpaquePointer?
    nonisolated(unsafe) static var requested: sig_atomic_t = 0
    nonisolated(unsafe) static var previous = sigaction()
    /// PQcancel's error buffer, allocated before any signal can come (no malloc in a handler).
    nonisolated(unsafe) static let errbuf = UnsafeMutablePointer<CChar>.allocate(capacity: 256)

    /// Runs `body` with the handler installed for `connection`; restores the previous one.
    static func around<T>(_ connection: OpaquePointer, _ body: () throws -> T) rethrows -> T {
        cancel = jm_PQgetCancel(connection)
        requested = 0
        _ = errbuf  // Swift statics initialise lazily: done here, not first in the handler
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            if QueryCancel.requested == 0, let c = QueryCancel.cancel {
                QueryCancel.requested = 1
                _ = jm_PQcancel(c, QueryCancel.errbuf, 256)
            } else {
                sigaction(SIGINT, &QueryCancel.previous, nil)
                raise(SIGINT)
            }
        }
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, &previous)
        // SIGTERM goes to journeymap's own handler (remove outputs, exit 143): it cancels first.
        ChildProcesses.serverCancel = {
            if QueryCancel.requested == 0, let c = QueryCancel.cancel {
                QueryCancel.requested = 1
                _ = jm_PQcancel(c, QueryCancel.errbuf, 256)
            }
        }
        defer {
            ChildProcesses.serverCancel = nil
            sigaction(SIGINT, &previous, nil)
            if let c = cancel { jm_PQfreeCancel(c) }
            cancel = nil
        }
        return try body()
    }

    /// Cancels the running query from outside a signal handler (`SQLEngine.cancel()`).
    static func request() {
        guard requested == 0, let c = cancel else { return }
        requested = 1
        _ = jm_PQcancel(c, errbuf, 256)
    }

    /// After a cancelled query has been cleaned up: hands the Ctrl-C on to the previous
    /// handler (exit 130), as if it had come then.
    static func deliverInterrupt() {
        raise(SIGINT)
    }
}
