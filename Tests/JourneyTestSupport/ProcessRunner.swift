import Foundation

/// What a finished process gave.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// A program that is not there: the test fails (it does not skip).
public struct MissingExecutable: Error, CustomStringConvertible {
    public var path: String
    public var hint: String
    public var description: String { "\(path) not found or not executable: \(hint)" }
}

/// Runs programs and collects what they print.
public enum ProcessRunner {
    /// Runs `executable` with `arguments` in `directory` (default: the package root), with
    /// `environment` added to this process's, and waits for it. Both pipes are read at the
    /// same time, so a child filling one never blocks.
    public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String] = [:], stdin: Data? = nil) throws -> ProcessResult {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw MissingExecutable(path: executable, hint: "build it first")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.currentDirectoryURL = directory ?? Repository.root
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let input = stdin.map { _ in Pipe() }
        if let input { p.standardInput = input }
        try p.run()
        if let input, let stdin {
            input.fileHandleForWriting.write(stdin)
            try? input.fileHandleForWriting.close()
        }
        let collected = Collected()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { collected.data = out.fileHandleForReading.readDataToEndOfFile() }
        let e = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return ProcessResult(status: p.terminationStatus, stdout: String(decoding: collected.data, as: UTF8.self),
                             stderr: String(decoding: e, as: UTF8.self))
    }

    /// Starts `executable` and returns at once, with its standard error as a stream of lines
    /// (`RunningProcess.waitForStandardError`), so a test can act on what the process printed
    /// rather than on a guess of how long it takes.
    public static func start(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                             environment: [String: String] = [:]) throws -> RunningProcess {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw MissingExecutable(path: executable, hint: "build it first")
        }
        return try RunningProcess(executable, arguments, in: directory ?? Repository.root, environment: environment)
    }
}

/// A started process whose standard error is read as it comes.
public final class RunningProcess: @unchecked Sendable {
    public let process = Process()
    private let err = Pipe()
    private let lock = NSLock()
    private var errText = ""
    private var ended = false
    private let changed = DispatchSemaphore(value: 0)

    init(_ executable: String, _ arguments: [String], in directory: URL, environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let handle = err.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let data = handle.availableData
                lock.lock()
                if data.isEmpty { ended = true } else { errText += String(decoding: data, as: UTF8.self) }
                lock.unlock()
                changed.signal()
                if data.isEmpty { return }
            }
        }
    }

    public var pid: Int32 { process.processIdentifier }

    /// Standard error so far.
    public var standardError: String { lock.lock(); defer { lock.unlock() }; return errText }

    /// Waits until standard error contains `text` (true) or the process closed it (false).
    public func waitForStandardError(containing text: String) -> Bool {
        while true {
            lock.lock()
            let found = errText.contains(text), done = ended
            lock.unlock()
            if found { return true }
            if done { return false }
            changed.wait()
        }
    }

    /// Waits for the process to end and returns its status.
    @discardableResult
    public func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Standard output read on another thread; `DispatchGroup.wait` orders the write before the read.
private final class Collected: @unchecked Sendable {
    var data = Data()
}
