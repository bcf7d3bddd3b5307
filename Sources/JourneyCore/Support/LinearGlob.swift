/// A glob (`*` any run of characters, `?` one character, everything else literal) matched
/// against a whole name by two pointers and one remembered `*` (the classic wildcard
/// matcher): it never backtracks further than the last star, so no pattern is exponential
/// (a regex engine's `(a*)*b` trap); O(name) for patterns with one star, O(name × pattern)
/// at worst for hostile ones like `*a*a*a*b`.
///
/// Characters are compared as Unicode scalars, case-sensitively (`--include`/`--exclude`).
public struct LinearGlob: Sendable, Equatable {
    public let pattern: String
    private let scalars: [Unicode.Scalar]

    public init(_ pattern: String) {
        self.pattern = pattern
        self.scalars = Array(pattern.unicodeScalars)
    }

    /// True when the pattern has a wildcard (else it only matches the name written).
    public var hasWildcard: Bool { scalars.contains("*") || scalars.contains("?") }

    /// Whether `name` matches the whole pattern.
    public func matches(_ name: String) -> Bool {
        var steps = 0
        return matches(name, steps: &steps)
    }

    /// Whether `name` matches the whole pattern, adding the matcher's steps to `steps`: at
    /// most (name + 1) × (pattern + 1) scalars (the tests hold it to that bound).
    func matches(_ name: String, steps: inout Int) -> Bool {
        let s = Array(name.unicodeScalars)
        let p = scalars
        var i = 0, j = 0
        var star = -1, resume = 0
        while i < s.count {
            steps += 1
            if j < p.count && (p[j] == "?" || (p[j] != "*" && p[j] == s[i])) {
                i += 1; j += 1
            } else if j < p.count && p[j] == "*" {
                star = j; resume = i; j += 1
            } else if star >= 0 {
                j = star + 1; resume += 1; i = resume
            } else {
                return false
            }
        }
        while j < p.count && p[j] == "*" { j += 1; steps += 1 }
        return j == p.count
    }

    /// The text a single `*` of the pattern stood for in `name` (`"Date entered *"` and
    /// `"Date entered Won"` give `"Won"`); nil when the pattern has not exactly one `*` and no
    /// `?`, or `name` does not match.
    public func starText(in name: String) -> String? {
        guard scalars.filter({ $0 == "*" }).count == 1, !scalars.contains("?"), matches(name) else { return nil }
        let star = scalars.firstIndex(of: "*")!
        let s = Array(name.unicodeScalars)
        let head = star, tail = scalars.count - star - 1
        var view = String.UnicodeScalarView()
        view.append(contentsOf: s[head..<(s.count - tail)])
        return String(view)
    }
}
