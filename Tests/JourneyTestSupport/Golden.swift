import Foundation

/// Golden files under `Tests/Golden/`: what a test produces is compared with the stored text,
/// and a difference is shown as a readable line diff (as swift-argument-parser's `AssertHelp`
/// and `assertSnapshot`). With `JM_RECORD=1` in the environment the stored files are
/// rewritten instead (then review them with `git diff Tests/Golden`).
public enum Golden {
    public static let directory = Repository.root.appendingPathComponent("Tests/Golden")

    /// Whether this run records (`JM_RECORD=1`) rather than compares.
    public static var recording: Bool { ProcessInfo.processInfo.environment["JM_RECORD"] == "1" }

    /// Compares `actual` with golden file `name` (a path under `Tests/Golden`). Returns nil
    /// when they are equal (or after recording), else a message with the diff for the test to
    /// report.
    public static func check(_ actual: String, against name: String) -> String? {
        let url = directory.appendingPathComponent(name)
        if recording {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
                print("Golden: recorded Tests/Golden/\(name)")
                return nil
            } catch {
                return "Golden: cannot record Tests/Golden/\(name): \(error)"
            }
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return "Golden: Tests/Golden/\(name) is missing; run the test with JM_RECORD=1 to record it"
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected == actual { return nil }
        return "Golden: output differs from Tests/Golden/\(name) (- golden, + now; JM_RECORD=1 rewrites it):\n"
            + LineDiff.unified(expected: expected, actual: actual)
    }
}

/// A line diff for messages: lines only in the golden text start with `-`, lines only in the
/// new text with `+`, with two lines of context; long runs of equal lines are elided.
public enum LineDiff {
    public static func unified(expected: String, actual: String, context: Int = 2, maxLines: Int = 80) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        // Common prefix and suffix first: most goldens differ in a few lines.
        var head = 0
        while head < a.count && head < b.count && a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head && tail < b.count - head && a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let midA = Array(a[head..<(a.count - tail)]), midB = Array(b[head..<(b.count - tail)])
        var ops: [(Character, Substring)] = []
        if midA.count * midB.count <= 4_000_000 {
            // Longest common subsequence of the middle parts.
            let n = midA.count, m = midB.count
            var lcs = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i][j] = midA[i] == midB[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
            var i = 0, j = 0
            while i < n || j < m {
                if i < n && j < m && midA[i] == midB[j] { ops.append((" ", midA[i])); i += 1; j += 1 }
                else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) { ops.append(("-", midA[i])); i += 1 }
                else { ops.append(("+", midB[j])); j += 1 }
            }
        } else {
            ops = midA.map { ("-", $0) } + midB.map { ("+", $0) }
        }
        let before = a[max(0, head - context)..<head].map { (Character(" "), $0) }
        let after = a[(a.count - tail)..<min(a.count, a.count - tail + context)].map { (Character(" "), $0) }
        var lines = ["@@ line \(max(0, head - context) + 1) @@"]
        let all = before + ops + after
        // Elide equal runs longer than 2 × context inside the middle.
        var k = 0
        while k < all.count {
            if all[k].0 == " " {
                var end = k
                while end < all.count && all[end].0 == " " { end += 1 }
                if end - k > 2 * context + 1 && k > 0 && end < all.count {
                    for e in all[k..<(k + context)] { lines.append(" \(e.1)") }
                    lines.append("@@ … \(end - k - 2 * context) equal lines @@")
                    for e in all[(end - context)..<end] { lines.append(" \(e.1)") }
                } else {
                    for e in all[k..<end] { lines.append(" \(e.1)") }
                }
                k = end
            } else {
                lines.append("\(all[k].0)\(all[k].1)")
                k += 1
            }
        }
        if lines.count > maxLines {
            let cut = lines.count - maxLines
            lines = Array(lines.prefix(maxLines)) + ["… \(cut) more diff lines"]
        }
        return lines.joined(separator: "\n")
    }
}
