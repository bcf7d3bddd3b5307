/// The one glob of the tool — templates, `--include`/`--exclude`, `--milestones` — (`*` any
/// run, `?` one character, `[abc]`, `[a-z]`, `[^a]` or `[!a]` one character of a set, `[[]` a
/// literal `[`; anything else literal), matched against a whole name, case-sensitively,
/// character by character (a Thai letter with its marks is one character), without a
/// backtracking regex: two pointers and the last `*` to return to, so at most
/// (name length + 1) × (pattern length + 1) steps, whatever the pattern.
public struct GlobPattern: Sendable, Equatable {
    enum Token: Sendable, Equatable {
        case literal(Character)
        case any
        case star
        case set(CharacterClass)
    }

    /// The glob as written.
    public let pattern: String
    let tokens: [Token]
    /// The literal characters before the first wildcard and after the last one: a name must
    /// start and end with them, checked before the name is split into characters (most
    /// vocabulary globs are `prefix_*` or `*_suffix`, and a 100 MB name is then rejected
    /// without walking it once per rule).
    let leadingLiterals: String
    let trailingLiterals: String

    /// Throws a message when a `[` set is not closed.
    public init(_ glob: String) throws(PatternError) {
        pattern = glob
        var tokens: [Token] = []
        var chars = Array(glob)[...]
        while let c = chars.popFirst() {
            switch c {
            case "*": if tokens.last != .star { tokens.append(.star) }  // `**` is `*`
            case "?": tokens.append(.any)
            case "[": tokens.append(.set(try CharacterClass.parse(&chars, negations: "^!")))
            default: tokens.append(.literal(c))
            }
        }
        self.tokens = tokens
        func literals<S: Sequence>(_ run: S) -> String where S.Element == Token {
            var out = ""
            for t in run { guard case .literal(let c) = t else { break }; out.append(c) }
            return out
        }
        leadingLiterals = literals(tokens)
        trailingLiterals = tokens.contains(where: { if case .literal = $0 { false } else { true } })
            ? String(literals(tokens.reversed()).reversed()) : ""
    }

    /// Whether `name` matches the whole pattern; `steps` counts comparisons (for tests).
    func matches(_ name: String, steps: inout Int) -> Bool {
        guard name.hasPrefix(leadingLiterals), name.hasSuffix(trailingLiterals) else { return false }
        let text = Array(name)
        var p = 0, s = 0
        var starP = -1, starS = 0
        while s < text.count {
            steps += 1
            if p < tokens.count {
                switch tokens[p] {
                case .star:
                    starP = p; starS = s; p += 1
                    continue
                case .any:
                    p += 1; s += 1
                    continue
                case .literal(let c) where c == text[s]:
                    p += 1; s += 1
                    continue
                case .set(let set) where set.contains(text[s]):
                    p += 1; s += 1
                    continue
                default: break
                }
            }
            guard starP >= 0 else { return false }
            // Let the last `*` take one more character and try the rest again.
            starS += 1
            s = starS
            p = starP + 1
        }
        while p < tokens.count, tokens[p] == .star { p += 1 }
        return p == tokens.count
    }

    public func matches(_ name: String) -> Bool {
        var steps = 0
        return matches(name, steps: &steps)
    }

    /// The text a single `*` of the pattern stood for in `name` (`"Date entered *"` and
    /// `"Date entered Won"` give `"Won"`); nil when the pattern is not literals around exactly
    /// one `*`, or `name` does not match.
    public func starText(in name: String) -> String? {
        guard tokens.filter({ $0 == .star }).count == 1,
              tokens.allSatisfy({ if case .set = $0 { false } else { $0 != .any } }),
              matches(name) else { return nil }
        let text = Array(name)
        return String(text[leadingLiterals.count..<(text.count - trailingLiterals.count)])
    }
}

/// A pattern that cannot be used: the message says why.
public struct PatternError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// A bracket set of characters (`[a-z_]`, negated with a leading `^`): single characters and
/// ranges, `\` escaping the next character, and (for regexes) the classes `\d \w \s`.
struct CharacterClass: Sendable, Equatable {
    enum Item: Sendable, Equatable {
        case one(Character)
        case range(Character, Character)
        case named(NamedClass)
    }

    var items: [Item]
    var negated: Bool

    func contains(_ c: Character) -> Bool {
        var found = false
        for item in items {
            switch item {
            case .one(let x): found = x == c
            case .range(let lo, let hi): found = lo <= c && c <= hi
            case .named(let n): found = n.contains(c)
            }
            if found { break }
        }
        return found != negated
    }

    /// Parses what follows a `[` up to and including its `]`.
    static func parse(_ chars: inout ArraySlice<Character>, negations: String,
                      namedClasses: Bool = false) throws(PatternError) -> CharacterClass {
        var set = CharacterClass(items: [], negated: false)
        if let first = chars.first, negations.contains(first) { set.negated = true; chars.removeFirst() }
        var first = true
        while true {
            guard var c = chars.popFirst() else { throw PatternError("a [ set is not closed with ]") }
            if c == "]" && !first { return set }
            first = false
            if c == "\\" {
                guard let e = chars.popFirst() else { throw PatternError("a \\ ends the pattern") }
                if namedClasses, let named = NamedClass(escape: e) { set.items.append(.named(named)); continue }
                c = namedClasses ? NamedClass.control(e) ?? e : e
            }
            if chars.count >= 2, chars.first == "-", chars[chars.startIndex + 1] != "]" {
                chars.removeFirst()
                var hi = chars.removeFirst()
                if hi == "\\" {
                    guard let e = chars.popFirst() else { throw PatternError("a \\ ends the pattern") }
                    hi = namedClasses ? NamedClass.control(e) ?? e : e
                }
                guard c <= hi else { throw PatternError("the range \(c)-\(hi) in a [ set is backwards") }
                set.items.append(.range(c, hi))
            } else {
                set.items.append(.one(c))
            }
        }
    }
}

/// `\d` digits, `\w` word characters, `\s` white space, and their negations `\D \W \S`.
struct NamedClass: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case digit, word, space }
    var kind: Kind
    var negated: Bool

    init?(escape: Character) {
        switch escape {
        case "d": kind = .digit; negated = false
        case "D": kind = .digit; negated = true
        case "w": kind = .word; negated = false
        case "W": kind = .word; negated = true
        case "s": kind = .space; negated = false
        case "S": kind = .space; negated = true
        default: return nil
        }
    }

    func contains(_ c: Character) -> Bool {
        let yes: Bool
        switch kind {
        case .digit: yes = c.isWholeNumber && c.unicodeScalars.count == 1
            && c.unicodeScalars.first!.properties.numericType == .decimal
        case .word: yes = c.isLetter || c.isNumber || c == "_" || c.unicodeScalars.first!.properties.isAlphabetic
        case .space: yes = c.isWhitespace
        }
        return yes != negated
    }

    /// The character an escape like `\t` stands for (nil: the escape is the character itself).
    static func control(_ e: Character) -> Character? {
        switch e {
        case "t": return "\t"
        case "n": return "\n"
        case "r": return "\r"
        case "f": return "\u{0C}"
        case "v": return "\u{0B}"
        case "0": return "\0"
        default: return nil
        }
    }
}
