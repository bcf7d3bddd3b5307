/// `--include` / `--exclude`: which activities take part in mining, by name.
///
/// A pattern is a glob (`view*`, `*checkout*`, `page_?`), matched against the whole activity
/// name by `GlobPattern` (as templates are), or with the prefix `re:` a regular expression searched anywhere in
/// the name (`re:^/static/`, `re:\.(css|js|png)$`). Case-sensitive both. With includes, an
/// activity is kept only when one of them matches; then any exclude that matches drops it.
/// Patterns are judged once per distinct activity name, not per event.
public struct ActivityFilter: Sendable, Equatable {
    public var include: [String]
    public var exclude: [String]

    public init(include: [String] = [], exclude: [String] = []) {
        self.include = include
        self.exclude = exclude
    }

    public var isEmpty: Bool { include.isEmpty && exclude.isEmpty }

    /// `--include view* --exclude re:^/static/`, for notes and the journey file.
    public var description: String {
        (include.map { "--include \($0)" } + exclude.map { "--exclude \($0)" }).joined(separator: " ")
    }

    /// Checks every pattern; throws a `MiningError` naming a regular expression that does not
    /// compile.
    public func compiled() throws -> Compiled {
        Compiled(include: try include.map(Pattern.init), exclude: try exclude.map(Pattern.init))
    }

    /// One pattern, ready to match.
    public enum Pattern {
        case glob(GlobPattern)
        case regex(Regex<AnyRegexOutput>, String)

        public init(_ text: String) throws {
            if text.hasPrefix("re:") {
                let source = String(text.dropFirst(3))
                do { self = .regex(try Regex(source), source) } catch {
                    throw MiningError("\(text): not a valid regular expression (\(error)); write re:PATTERN, e.g. re:^/static/")
                }
            } else {
                do { self = .glob(try GlobPattern(text)) } catch {
                    throw MiningError("\(text): \(error.description) (in a glob, [abc] is one character of a set; [[] is a literal [)")
                }
            }
        }

        public func matches(_ name: String) -> Bool {
            switch self {
            case .glob(let g): return g.matches(name)
            case .regex(let r, _): return (try? r.firstMatch(in: name)) != nil
            }
        }
    }

    public struct Compiled {
        public let include: [Pattern]
        public let exclude: [Pattern]

        /// Whether events of activity `name` take part.
        public func keeps(_ name: String) -> Bool {
            if !include.isEmpty && !include.contains(where: { $0.matches(name) }) { return false }
            return !exclude.contains { $0.matches(name) }
        }
    }
}
