import Testing
@testable import JourneyCore

/// Template globs and regexes: what they match, and that no pattern makes matching slow
/// (work bounded by counted steps, not by the clock).
@Suite struct PatternMatcherTests {
    @Test(arguments: [
        ("*_view", "product_view", true), ("*_view", "product_view_x", false), ("a*.b?[xy]", "aZZ.bQx", true),
        ("a*.b?[xy]", "a.bQz", false), ("[!a]bc", "xbc", true), ("[^a]bc", "abc", false), ("[a-c]*", "cat", true),
        ("*", "", true), ("?", "", false), ("a\\b", "a\\b", true), ("**x", "yyx", true), ("ซื้อ*", "ซื้อสินค้า", true),
        ("*a*a*a*b", String(repeating: "a", count: 40), false),
    ] as [(String, String, Bool)])
    func globs(pattern: String, name: String, expected: Bool) throws {
        #expect(try GlobPattern(pattern).matches(name) == expected)
    }

    @Test func globStepsAreBoundedByNameTimesPattern() throws {
        let glob = try GlobPattern("*_*_*_*_view")
        let name = String(repeating: "a_", count: 500)
        var steps = 0
        #expect(!glob.matches(name, steps: &steps))
        #expect(steps <= (name.count + 1) * (glob.tokens.count + 1), "\(steps) steps")
    }

    @Test(arguments: [
        ("^(cart|checkout)$", "cart", true), ("^(cart|checkout)$", "carts", false), ("a+b*", "aaab", true),
        ("(ab){2,3}", "ababab", true), ("(ab){2,3}", "ab", false), ("(ab){2,3}", "abababab", false),
        ("[a-z]+_\\d{2}", "page_42", true), ("[a-z]+_\\d{2}", "page_4x", false), ("(?i)CHECK.*", "checkout", true),
        ("a|b|", "", true), ("x?y", "y", true), ("\\.", ".", true), ("\\.", "x", false), ("[^\\s]+", "a b", false),
        ("(?:ad|utm)_.*", "utm_mail", true), ("colou?r", "color", true), ("a{3}", "aaa", true), ("a{3}", "aa", false),
        ("(a*)*b", "aaaaab", true), (".*view$", "page_view", true), ("^$", "", true),
    ] as [(String, String, Bool)])
    func regexes(pattern: String, name: String, expected: Bool) throws {
        var steps = 0
        #expect(try LinearRegex(pattern).wholeMatch(name, budget: 1_000_000, steps: &steps) == expected)
    }

    @Test(arguments: ["(a)\\1", "(?=a)a", "(?<n>a)", "\\bword", "(", "a)", "[abc", "*a", "a{5,2}", "a{2000}"])
    func unsupportedRegexesAreRefused(pattern: String) {
        #expect(throws: PatternError.self) { try LinearRegex(pattern) }
    }

    /// `(a+)+$` on 31 a's and a `!` takes 2^31 steps backtracking; here at most one pass over
    /// the name per state of the program.
    @Test func nestedQuantifiersRunInLinearSteps() throws {
        let regex = try LinearRegex("(a+)+$")
        let name = String(repeating: "a", count: 31) + "!"
        var steps = 0
        #expect(regex.wholeMatch(name, budget: 1_000_000, steps: &steps) == false)
        #expect(steps <= 2 * (name.count + 1) * regex.program.count, "\(steps) steps")
    }

    @Test func aRegexPastItsBudgetNamesTheRule() throws {
        let rule = try TouchpointRule(pattern: .regex("(a|b|c|d|e|f|g|h)*x"), stage: "s", source: "t.yaml:7")
        let name = String(repeating: "abcdefgh", count: TouchpointRule.regexBudget / 64)
        #expect {
            _ = try rule.matches(activity: name, channel: "")
        } throws: { error in
            guard let e = error as? TemplateError else { return false }
            return e.file == "t.yaml" && e.line == 7 && e.description.contains("(a|b|c|d|e|f|g|h)*x")
        }
    }

    @Test func theFuzzersReferenceGlobAgreesOnAFewCases() throws {
        // The template fuzz target compares GlobPattern with a plain DP matcher; the same idea here.
        for (p, s) in [("a*b", "axxb"), ("*?", ""), ("?*?", "ab"), ("*ab*", "xaby")] {
            #expect(try GlobPattern(p).matches(s) == Self.dp(Array(p), Array(s)))
        }
    }

    static func dp(_ p: [Character], _ s: [Character]) -> Bool {
        if p.isEmpty { return s.isEmpty }
        if p[0] == "*" { return dp(Array(p.dropFirst()), s) || (!s.isEmpty && dp(p, Array(s.dropFirst()))) }
        return !s.isEmpty && (p[0] == "?" || p[0] == s[0]) && dp(Array(p.dropFirst()), Array(s.dropFirst()))
    }
}
