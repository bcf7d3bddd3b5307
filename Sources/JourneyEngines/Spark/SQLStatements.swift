/// Splits a query text into its statements at top-level `;` (outside '…', "…", `…` quotes and
/// `--` / `/* */` comments), for engines that take one statement per call (Spark's
/// `spark.sql`). Statements of nothing but comments and spaces are dropped.
public enum SQLStatements {
    public static func split(_ text: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var hasCode = false
        var quote: Character?
        var lineComment = false, blockComment = false
        var previous: Character = "\0"
        for c in text {
            defer { previous = c }
            if lineComment {
                current.append(c)
                if c == "\n" { lineComment = false }
                continue
            }
            if blockComment {
                current.append(c)
                if previous == "*" && c == "/" { blockComment = false }
                continue
            }
            if let q = quote {
                current.append(c)
                if c == q { quote = nil }
                continue
            }
            switch c {
            case "'", "\"", "`": quote = c; current.append(c); hasCode = true
            case "-" where previous == "-": lineComment = true; current.append(c)
            case "*" where previous == "/": blockComment = true; current.append(c)
            case ";":
                if hasCode { statements.append(current) }
                current = ""
                hasCode = false
            default:
                current.append(c)
                // A lone '-' or '/' may open a comment: it counts as code only when what follows does not.
                if !c.isWhitespace && c != "-" && c != "/" { hasCode = true }
            }
        }
        if hasCode { statements.append(current) }
        return statements.map { $0.trimmingWhitespace }
    }
}

private extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
