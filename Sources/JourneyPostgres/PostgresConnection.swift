import CLibPQ
import Foundation

/// One libpq connection (`PGconn`), closed when released. Connecting checks the status and
/// turns a failure into a `PostgresError` with libpq's message; a server that asks for a
/// password nobody gave (no URL password, no PGPASSWORD, no ~/.pgpass line) gets one typed at
/// a prompt on the terminal, never echoed, when there is a terminal.
final class PostgresConnection {
    let handle: OpaquePointer
    let target: PostgresTarget

    private init(handle: OpaquePointer, target: PostgresTarget) {
        self.handle = handle
        self.target = target
    }

    deinit { jm_PQfinish(handle) }

    /// Passwords typed at the prompt that the server accepted, kept in memory for the rest of
    /// the run: a journey file can take two queries (stages inferred), each on its own
    /// connection, and the user types once, as in one psql session.
    private static let typedPasswords = TypedPasswords()

    private final class TypedPasswords: @unchecked Sendable {
        private let lock = NSLock()
        private var byTarget: [String: String] = [:]
        func password(for who: String) -> String? { lock.withLock { byTarget[who] } }
        func remember(_ password: String, for who: String) { lock.withLock { byTarget[who] = password } }
    }

    /// Connects, prompting for a password on the terminal if the server wants one and none
    /// was found. `prompt` reads a password without echo (nil: no terminal, or nothing typed).
    static func open(_ target: PostgresTarget, prompt: (String) -> String? = PasswordPrompt.read) throws -> PostgresConnection {
        let who = "\(target.user ?? ProcessInfo.processInfo.environment["PGUSER"] ?? NSUserName())@\(target.place)"
        let first = try connect(target, password: typedPasswords.password(for: who))
        if jm_PQstatus(first) == JM_CONNECTION_OK { return PostgresConnection(handle: first, target: target) }
        let needsPassword = jm_PQconnectionNeedsPassword(first) == 1
        let message = PostgresError.clean(String(cString: jm_PQerrorMessage(first)))
        jm_PQfinish(first)
        guard needsPassword else {
            let hint = message.contains("password authentication failed")
                ? "check the password (PGPASSWORD, ~/.pgpass or PGPASSFILE)"
                : "check the host, port, user and database in --engine"
            throw PostgresError(phase: .connect, place: target.place, message: message, hint: hint)
        }
        guard let password = prompt("Password for \(who): ") else {
            throw PostgresError(phase: .password, place: target.place,
                                message: "the server asks for a password and none was given",
                                hint: "set PGPASSWORD, add a line to ~/.pgpass (or PGPASSFILE), or run on a terminal to be asked")
        }
        let second = try connect(target, password: password)
        if jm_PQstatus(second) == JM_CONNECTION_OK {
            typedPasswords.remember(password, for: who)
            return PostgresConnection(handle: second, target: target)
        }
        let again = PostgresError.clean(String(cString: jm_PQerrorMessage(second)))
        jm_PQfinish(second)
        throw PostgresError(phase: .connect, place: target.place, message: again,
                            hint: "check the user and the password typed")
    }

    /// `PQconnectdbParams` with the URL expanded as `dbname`. A connect timeout of 10 s
    /// unless the URL or PGCONNECT_TIMEOUT says otherwise (keywords before the URL are
    /// overridden by its own parameters).
    private static func connect(_ target: PostgresTarget, password: String?) throws -> OpaquePointer {
        if let why = jm_pq_load() {
            throw PostgresError(phase: .connect, place: target.place,
                                message: "the PostgreSQL client library libpq could not be loaded (\(String(cString: why)))",
                                hint: "install it (Debian, Ubuntu: apt-get install libpq5; Fedora: dnf install libpq; macOS: brew install libpq), "
                                    + "or name its file with JOURNEYMAP_LIBPQ=/path/to/libpq.so.5")
        }
        var keywords = ["fallback_application_name"]
        var values = ["journeymap"]
        if ProcessInfo.processInfo.environment["PGCONNECT_TIMEOUT"] == nil {
            keywords.append("connect_timeout"); values.append("10")
        }
        keywords.append("dbname"); values.append(target.connectionURL)
        if let password { keywords.append("password"); values.append(password) }
        let cKeywords = keywords.map { strdup($0) }
        let cValues = values.map { strdup($0) }
        defer {
            cKeywords.forEach { free($0) }
            // The password's copy is wiped before it is freed.
            for v in cValues { if let v { memset(v, 0, strlen(v)) }; free(v) }
        }
        let kw = cKeywords.map { UnsafePointer($0) } + [nil]
        let vs = cValues.map { UnsafePointer($0) } + [nil]
        guard let conn = jm_PQconnectdbParams(kw, vs, 1) else {
            throw PostgresError(phase: .connect, place: target.place, message: "libpq could not allocate a connection")
        }
        return conn
    }

    /// `major.minor` of the server, for the progress line.
    var serverVersion: String {
        let v = jm_PQserverVersion(handle)
        return v >= 100000 ? "\(v / 10000).\(v % 10000)" : "\(v / 10000).\(v / 100 % 100)"
    }
}
