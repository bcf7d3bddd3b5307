/// Activity names as template rules compare them: lower case, words joined by `_`, whether the
/// export wrote them `Product Viewed`, `product-viewed`, `productViewed` or `PRODUCT_VIEWED`.
public enum ActivityName {
    /// `"Product Viewed"`, `"productViewed"`, `"product-viewed"` → `"product_viewed"`.
    /// A lower-case letter or digit followed by an upper-case letter starts a new word
    /// (camelCase); runs of `_`, `-`, space, `.`, `/` and `:` become one `_`, trimmed at the ends.
    /// Letters without case (Thai, CJK) are kept as they are.
    public static func normalized(_ name: String) -> String {
        var out = ""
        out.reserveCapacity(name.utf8.count)
        var pendingSeparator = false
        var previousLowerOrDigit = false
        for ch in name {
            if ch == "_" || ch == "-" || ch == " " || ch == "." || ch == "/" || ch == ":" || ch == "\t" {
                pendingSeparator = !out.isEmpty
                previousLowerOrDigit = false
                continue
            }
            if ch.isUppercase && previousLowerOrDigit { pendingSeparator = true }
            if pendingSeparator { out.append("_"); pendingSeparator = false }
            previousLowerOrDigit = ch.isLowercase || ch.isNumber
            if ch.isUppercase { out += ch.lowercased() } else { out.append(ch) }
        }
        return out
    }

    /// A glob in the same form: `*`, `?` and `[sets]` are kept (sets lower-cased, their `-`
    /// ranges untouched), so `"*_Viewed"` becomes `"*_viewed"`.
    public static func normalizedGlob(_ glob: String) -> String {
        var out = ""
        var pendingSeparator = false
        var previousLowerOrDigit = false
        var inSet = false
        for ch in glob {
            if inSet {
                out += ch.lowercased()
                if ch == "]" { inSet = false }
                continue
            }
            if ch == "_" || ch == "-" || ch == " " || ch == "." || ch == "/" || ch == ":" || ch == "\t" {
                pendingSeparator = !out.isEmpty
                previousLowerOrDigit = false
                continue
            }
            if ch.isUppercase && previousLowerOrDigit { pendingSeparator = true }
            if pendingSeparator { out.append("_"); pendingSeparator = false }
            if ch == "[" { inSet = true; out.append(ch); previousLowerOrDigit = false; continue }
            previousLowerOrDigit = ch.isLowercase || ch.isNumber
            if ch.isUppercase { out += ch.lowercased() } else { out.append(ch) }
        }
        return out
    }
}
