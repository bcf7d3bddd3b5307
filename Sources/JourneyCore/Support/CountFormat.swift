/// Whole numbers as every message, report and picture of the tool writes them: digits in
/// groups of three with commas (`1,854`), the same on every machine (no locale).
public enum CountFormat {
    /// `1854` → `1,854`, `-1234567` → `-1,234,567`, `999` → `999`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// `1 event`, `2,048 events`: the count grouped and the noun in its number (`plural`
    /// when adding an s will not do).
    public static func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        grouped(n) + " " + (n == 1 ? singular : plural ?? singular + "s")
    }
}
