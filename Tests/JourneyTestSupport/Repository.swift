import Foundation

/// Where the tests find the repository, its samples and fixtures, and the shared real logs
/// (`../shared/data` beside the clone; absent elsewhere, and then the tests that need them
/// skip, saying so).
public enum Repository {
    /// The package root (this file is `Tests/JourneyTestSupport/Repository.swift`).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `relative` under the package root.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// `../shared/data` beside the clone (or beside the folder of worktrees).
    public static let sharedData: URL = {
        let beside = root.deletingLastPathComponent().appendingPathComponent("shared/data")
        let aboveWorktrees = root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: beside.path) || !FileManager.default.fileExists(atPath: aboveWorktrees.path)
            ? beside : aboveWorktrees
    }()

    /// The shared logs the tests know, in a fixed order.
    public static let sharedLogNames = ["running-example.csv", "running-example.xes", "roadtraffic100traces.csv",
                                        "roadtraffic100traces.xes", "receipt.csv", "helpdesk.xes.gz"]

    /// The path of shared log `name`, or nil after printing that `suite` skips it.
    public static func sharedLog(_ name: String, skippedBy suite: String) -> String? {
        let path = sharedData.appendingPathComponent(name).path
        if FileManager.default.fileExists(atPath: path) { return path }
        print("\(suite): skipped \(name): not found in \(sharedData.path) (../shared/data is next to the worktree on the build machine)")
        return nil
    }
}
