import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program in its own process group, hands each line of its standard output to a
/// closure as it comes, and sends its standard error to a file. Ctrl-C while it runs stops the
/// whole group (`SIGTERM` to the group, as `spark-submit`'s JVM and its Python driver are two
/// processes); a second Ctrl-C goes to the handler that was there before (exit 130).
enum ProcessGroupRun {
    struct Outcome {
        var status: Int32
        var interrupted: Bool
    }

    nonisolated(unsafe) static var group: pid_t = 0
    nonisolated(unsafe) static var interrupted: sig_atomic_t = 0
    nonisolated(unsafe) static var previous = sigaction()

    static func run(_ arguments: [String], environment: [String: String], stderrPath: String, resultPath: String? = nil,
                    line: (String) -> Void) throws -> Outcome {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw failure(arguments[0], "pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var none = sigset_t(); sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t(); sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT); sigaddset(&defaults, SIGTERM); sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }

        interrupted = 0
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            if ProcessGroupRun.interrupted == 0, ProcessGroupRun.group > 0 {
                ProcessGroupRun.interrupted = 1
                kill(-ProcessGroupRun.group, SIGTERM)
            } else {
                sigaction(SIGINT, &ProcessGroupRun.previous, nil)
                raise(SIGINT)
            }
        }
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, &previous)
        defer { sigaction(SIGINT, &previous, nil); group = 0 }

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        close(pipeEnds[1])
        guard spawned == 0 else {
            close(pipeEnds[0])
            errno = spawned
            throw failure(arguments[0], "start")
        }
        group = pid
        // SIGTERM to journeymap: its handler sends SIGTERM to this group too (the driver then
        // interrupts the query on a Connect server) and removes the result file.
        let slot = ChildProcesses.add(group: pid, writing: resultPath)
        defer { ChildProcesses.remove(slot) }

        // Lines of standard output as they come.
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            pending.append(contentsOf: chunk[0..<n])
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                line(String(decoding: pending[..<newline], as: UTF8.self))
                pending.removeSubrange(...newline)
            }
        }
        close(pipeEnds[0])
        if !pending.isEmpty { line(String(decoding: pending, as: UTF8.self)) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7f == 0
        return Outcome(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), interrupted: interrupted != 0)
    }

    /// Stops the running group (`SQLEngine.cancel()`).
    static func stop() {
        guard interrupted == 0, group > 0 else { return }
        interrupted = 1
        kill(-group, SIGTERM)
    }

    private static func failure(_ program: String, _ what: String) -> EngineError {
        EngineError(engine: "spark", "cannot \(what) \(program)", engineMessage: String(cString: strerror(errno)), category: .badInput)
    }
}
