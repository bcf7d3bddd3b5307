/// Files as pictures and reports name them: without their folders, joined by commas (a
/// published picture carries no local paths, and its bytes do not depend on how a file was
/// named on the command line).
public enum FileNames {
    /// `["data/a.csv", "/tmp/b.csv"]` → `a.csv, b.csv`.
    public static func shown(_ paths: [String]) -> String {
        paths.map { $0.split(separator: "/").last.map(String.init) ?? $0 }.joined(separator: ", ")
    }
}
