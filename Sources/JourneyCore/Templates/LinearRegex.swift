/// A template regular expression matched against a whole name in time linear in the name:
/// compiled to a Thompson NFA and run as a set of states (no backtracking), so
/// `(a+)+$` on 31 characters costs at most 31 × (program size) steps instead of 2^31.
///
/// Supported: literals, `.`, `[…]` sets with ranges and `^` negation, `\d \w \s \D \W \S`,
/// escapes (`\.`, `\t`, …), groups `( )` and `(?: )`, `|`, `* + ?` (and their lazy forms,
/// which mean the same for a whole-name match), `{m}`, `{m,}`, `{m,n}` (n ≤ 1000), `^` and `$`,
/// and a leading `(?i)` for case-insensitive matching. Back-references and look-arounds need
/// backtracking and are refused when the template is read.
struct LinearRegex: Sendable {
    enum Instruction: Sendable {
        case char(Character)
        case set(CharacterClass)
        case named(NamedClass)
        case any
        case split(Int, Int)
        case jump(Int)
        case atStart
        case atEnd
        case match
    }

    let program: [Instruction]
    let caseInsensitive: Bool
    /// Instructions at most (a `{m,n}` copies its operand).
    static let maxProgram = 20_000

    init(_ source: String) throws(PatternError) {
        var chars = Array(source)[...]
        var insensitive = false
        if chars.starts(with: "(?i)") { insensitive = true; chars.removeFirst(4) }
        caseInsensitive = insensitive
        var parser = Parser(chars: chars, caseInsensitive: insensitive)
        let node = try parser.alternation()
        if let c = parser.chars.first { throw PatternError("unexpected \"\(c)\" (a ) without its ()") }
        var out: [Instruction] = []
        try Self.emit(node, into: &out)
        out.append(.match)
        program = out
    }

    /// Whether the whole of `name` matches. `budget`: steps (state visits) allowed; nil when
    /// it would take more.
    func wholeMatch(_ name: String, budget: Int, steps: inout Int) -> Bool? {
        let text = caseInsensitive ? Array(name.lowercased()) : Array(name)
        var current = StateSet(count: program.count), next = StateSet(count: program.count)
        add(0, at: 0, of: text.count, to: &current, steps: &steps)
        for (i, c) in text.enumerated() {
            if current.isEmpty { return false }
            next.clear()
            for pc in current.members {
                steps += 1
                let advances: Bool
                switch program[pc] {
                case .char(let x): advances = x == c
                case .set(let s): advances = s.contains(c)
                case .named(let n): advances = n.contains(c)
                case .any: advances = c != "\n"
                default: advances = false
                }
                if advances { add(pc + 1, at: i + 1, of: text.count, to: &next, steps: &steps) }
            }
            if steps > budget { return nil }
            swap(&current, &next)
        }
        return current.members.contains { if case .match = program[$0] { true } else { false } }
    }

    /// Adds `pc` and every state reached from it without reading a character.
    private func add(_ pc: Int, at position: Int, of length: Int, to set: inout StateSet, steps: inout Int) {
        var stack = [pc]
        while let pc = stack.popLast() {
            guard set.insert(pc) else { continue }
            steps += 1
            switch program[pc] {
            case .jump(let to): stack.append(to)
            case .split(let a, let b): stack.append(b); stack.append(a)
            case .atStart: if position == 0 { stack.append(pc + 1) }
            case .atEnd: if position == length { stack.append(pc + 1) }
            default: break
            }
        }
    }

    // MARK: Syntax tree

    indirect enum Node {
        case empty
        case char(Character)
        case set(CharacterClass)
        case named(NamedClass)
        case any
        case atStart, atEnd
        case sequence([Node])
        case either([Node])
        case repeated(Node, min: Int, max: Int?)
    }

    private static func emit(_ node: Node, into out: inout [Instruction]) throws(PatternError) {
        guard out.count <= maxProgram else {
            throw PatternError("the pattern is too large (over \(maxProgram) states once repetitions are written out)")
        }
        switch node {
        case .empty: break
        case .char(let c): out.append(.char(c))
        case .set(let s): out.append(.set(s))
        case .named(let n): out.append(.named(n))
        case .any: out.append(.any)
        case .atStart: out.append(.atStart)
        case .atEnd: out.append(.atEnd)
        case .sequence(let nodes): for n in nodes { try emit(n, into: &out) }
        case .either(let nodes):
            // split L1, next; L1: a; jump end; next: split L2, … last
            var jumps: [Int] = []
            for (k, n) in nodes.enumerated() {
                if k < nodes.count - 1 {
                    let split = out.count
                    out.append(.split(split + 1, -1))
                    try emit(n, into: &out)
                    jumps.append(out.count)
                    out.append(.jump(-1))
                    out[split] = .split(split + 1, out.count)
                } else {
                    try emit(n, into: &out)
                }
            }
            for j in jumps { out[j] = .jump(out.count) }
        case .repeated(let n, let min, let max):
            for _ in 0..<min { try emit(n, into: &out) }
            if let max {
                // Optional copies: split into the copy or past all of them.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(out.count)
                    out.append(.split(out.count + 1, -1))
                    try emit(n, into: &out)
                }
                for s in splits { out[s] = .split(s + 1, out.count) }
            } else {
                // L: split body, end; body; jump L
                let loop = out.count
                out.append(.split(loop + 1, -1))
                let bodyStart = out.count
                try emit(n, into: &out)
                if out.count == bodyStart { out.removeLast(); break }  // a repeated empty match
                out.append(.jump(loop))
                out[loop] = .split(loop + 1, out.count)
            }
        }
    }

    // MARK: Parser

    private struct Parser {
        var chars: ArraySlice<Character>
        let caseInsensitive: Bool

        mutating func alternation() throws(PatternError) -> Node {
            var options = [try sequence()]
            while chars.first == "|" {
                chars.removeFirst()
                options.append(try sequence())
            }
            return options.count == 1 ? options[0] : .either(options)
        }

        mutating func sequence() throws(PatternError) -> Node {
            var nodes: [Node] = []
            while let c = chars.first, c != "|", c != ")" {
                var atom = try self.atom()
                while let q = chars.first, "*+?{".contains(q) {
                    guard let (lo, hi) = try quantifier() else { break }
                    atom = .repeated(atom, min: lo, max: hi)
                    if chars.first == "?" || chars.first == "+" { chars.removeFirst() }  // lazy / possessive
                }
                nodes.append(atom)
            }
            return nodes.count == 1 ? nodes[0] : nodes.isEmpty ? .empty : .sequence(nodes)
        }

        /// `*`, `+`, `?`, `{m}`, `{m,}`, `{m,n}`; nil (nothing taken) for a `{` that is not one.
        mutating func quantifier() throws(PatternError) -> (Int, Int?)? {
            let q = chars.first!
            switch q {
            case "*": chars.removeFirst(); return (0, nil)
            case "+": chars.removeFirst(); return (1, nil)
            case "?": chars.removeFirst(); return (0, 1)
            default:
                guard let close = chars.firstIndex(of: "}") else { return nil }
                let body = String(chars[chars.index(after: chars.startIndex)..<close])
                let parts = body.split(separator: ",", omittingEmptySubsequences: false)
                guard (1...2).contains(parts.count), let lo = Int(parts[0]) else { return nil }
                let hi: Int?
                if parts.count == 1 { hi = lo } else if parts[1].isEmpty { hi = nil } else {
                    guard let h = Int(parts[1]) else { return nil }
                    hi = h
                }
                guard lo <= 1000, (hi ?? 0) <= 1000 else { throw PatternError("a {m,n} repetition above 1000") }
                if let hi, hi < lo { throw PatternError("{\(body)}: the maximum is below the minimum") }
                chars = chars[chars.index(after: close)...]
                return (lo, hi)
            }
        }

        mutating func atom() throws(PatternError) -> Node {
            let c = chars.removeFirst()
            switch c {
            case ".": return .any
            case "^": return .atStart
            case "$": return .atEnd
            case "*", "+", "?": throw PatternError("\"\(c)\" repeats nothing")
            case "[":
                var set = try CharacterClass.parse(&chars, negations: "^", namedClasses: true)
                if caseInsensitive { set = set.lowercased() }
                return .set(set)
            case "(":
                if chars.first == "?" {
                    chars.removeFirst()
                    guard chars.first == ":" else {
                        throw PatternError("(?\(chars.first.map(String.init) ?? "")…: look-arounds, named groups and inline options other than a leading (?i) are not supported (template regexes run without backtracking)")
                    }
                    chars.removeFirst()
                }
                let inner = try alternation()
                guard chars.first == ")" else { throw PatternError("a ( is not closed with )") }
                chars.removeFirst()
                return inner
            case "\\":
                guard let e = chars.popFirst() else { throw PatternError("a \\ ends the pattern") }
                if let named = NamedClass(escape: e) { return .named(named) }
                if e.isNumber || "bBAzZkpPuxcQE".contains(e) {
                    throw PatternError("\\\(e) is not supported (template regexes run without backtracking: no back-references, word boundaries or Unicode properties)")
                }
                return .char(literal(NamedClass.control(e) ?? e))
            default: return .char(literal(c))
            }
        }

        func literal(_ c: Character) -> Character {
            caseInsensitive ? Character(String(c).lowercased()) : c
        }
    }
}

extension CharacterClass {
    func lowercased() -> CharacterClass {
        var out = self
        out.items = items.flatMap { item -> [Item] in
            switch item {
            case .one(let c): return [.one(Character(String(c).lowercased()))]
            case .range(let lo, let hi):
                let l = Character(String(lo).lowercased()), h = Character(String(hi).lowercased())
                return l <= h ? [item, .range(l, h)] : [item]
            case .named: return [item]
            }
        }
        return out
    }
}

/// States of the NFA as a sparse set: insertion, membership and clearing in O(1).
private struct StateSet {
    private var dense: [Int]
    private var sparse: [Int]
    private(set) var count = 0

    init(count: Int) {
        dense = Array(repeating: 0, count: count)
        sparse = Array(repeating: 0, count: count)
    }

    var isEmpty: Bool { count == 0 }
    var members: ArraySlice<Int> { dense[0..<count] }

    /// False when `pc` was already in.
    mutating func insert(_ pc: Int) -> Bool {
        let k = sparse[pc]
        if k < count && dense[k] == pc { return false }
        sparse[pc] = count
        dense[count] = pc
        count += 1
        return true
    }

    mutating func clear() { count = 0 }
}
