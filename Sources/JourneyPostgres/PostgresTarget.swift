import Foundation

/// Where `--engine postgresql://user@host:port/db?params` points, parsed once: what libpq is
/// given (the URL, with any password kept apart) and what may be shown or written into a
/// journey file's `source` (the same URL without the password).
public struct PostgresTarget: Sendable, Equatable {
    /// The URL as given, password included: only ever handed to libpq.
    let connectionURL: String
    /// The URL without its password: safe to print and to write into a journey file.
    public let redacted: String
    /// True when the URL carried a password (readable by anyone who sees the command line).
    public let hadPassword: Bool
    public let user: String?
    public let host: String
    public let port: String
    public let database: String?

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// Accepts `postgresql://` and `postgres://` URLs (libpq's own URI form, query parameters
    /// such as `sslmode=require` included). A missing host means the local socket, a missing
    /// port 5432 (or PGHOST / PGPORT, which libpq reads).
    public init(url: String) throws {
        guard url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") else {
            throw Invalid(description: "not a PostgreSQL URL: expected postgresql://user@host:port/database")
        }
        guard let parts = URLComponents(string: url) else {
            throw Invalid(description: "\(Self.stripPassword(url)): not a valid URL (percent-encode special characters in the user name or database)")
        }
        connectionURL = url
        hadPassword = parts.password != nil
        user = parts.user
        let env = ProcessInfo.processInfo.environment
        host = parts.host.flatMap { $0.isEmpty ? nil : $0 } ?? env["PGHOST"] ?? "local socket"
        port = parts.port.map(String.init) ?? env["PGPORT"] ?? "5432"
        let path = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        database = path.isEmpty ? nil : path
        redacted = Self.stripPassword(url)
    }

    /// `postgresql://user:secret@host/db` → `postgresql://user@host/db`, on the text itself
    /// (so an unparsable URL is redacted too): everything between the first `:` after the
    /// scheme and the last `@` of the authority goes.
    static func stripPassword(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return url }
        let userInfo = authority[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + String(url[at...])
    }

    /// `host:port/database` for messages.
    public var place: String {
        "\(host == "local socket" ? host : "\(host):\(port)")\(database.map { "/\($0)" } ?? "")"
    }
}
