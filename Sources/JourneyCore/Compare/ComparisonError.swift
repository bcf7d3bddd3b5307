/// A comparison that cannot be made, with what to change.
public enum ComparisonError: CategorizedError, Sendable, Equatable {
    /// A window or split that cannot be one is a flag's value (exit 64, as `--since` after
    /// `--until` is); a side without journeys or a file at odds with itself is the input's.
    public var category: ErrorCategory {
        switch self {
        case .window, .split: return .usage
        case .emptySide, .option, .inconsistent, .stagesDiffer: return .badInput
        }
    }
    /// `--before` / `--after` is not a window: the flag, the text, what is wrong.
    case window(flag: String, text: String, reason: String)
    /// `--split-by` is not `ATTR=BEFORE,AFTER`.
    case split(text: String, reason: String)
    /// One side has no journeys: which side and how it was selected.
    case emptySide(side: String, detail: String)
    /// `--alpha`, `--min-count` and the like.
    case option(String)
    /// A journey file whose counts contradict each other (e.g. edited by hand).
    case inconsistent(side: String, detail: String)
    /// The two sides' stages are not one set (journey files whose stages were inferred from
    /// each log alone, or mined with other templates): what differs.
    case stagesDiffer(String)

    public var description: String {
        switch self {
        case .window(let flag, let text, let reason):
            return "\(flag) \"\(text)\": \(reason); write START..END with dates (2024-04-18..2024-05-18, whole days) or datetimes (2024-05-19T08:00..2024-05-19T18:00, end excluded); either end may be left empty"
        case .split(let text, let reason):
            return "--split-by \"\(text)\": \(reason); write ATTRIBUTE=BEFORE,AFTER, e.g. platform=mobile,desktop"
        case .emptySide(let side, let detail):
            return "the \(side) side has no journeys (\(detail)); check the dates or values against the log (`journeymap stats LOG` shows its time span)"
        case .option(let message):
            return message
        case .inconsistent(let side, let detail):
            return "the \(side) journey file is inconsistent: \(detail); mine it again with `journeymap mine`"
        case .stagesDiffer(let detail):
            return "the two sides do not share one set of stages (\(detail)), so their stages cannot be compared: "
                + "compare the event logs themselves (`journeymap compare BEFORE.csv AFTER.csv` infers one set of stages for both), "
                + "or mine both with one template (`--template FILE`, or `--stages template` for the built-in one)"
        }
    }
}
