/// Colours for stages a template leaves uncoloured and for stages inferred from the data: the
/// default template's six in its order, then the rest of the Tableau 10 palette.
public enum StagePalette {
    public static let colors = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948",
                                "#e15759", "#ff9da7", "#9c755f", "#bab0ac"]

    /// `colors` with nil entries filled, in order, by the first palette colour no stage uses yet
    /// (case-insensitively); once all ten are taken the palette repeats.
    public static func fill(_ colors: [String?]) -> [String] {
        var used = Set(colors.compactMap { $0?.lowercased() })
        var next = 0
        return colors.map { given in
            if let given { return given }
            let free = Self.colors.first { !used.contains($0) }
            let color = free ?? Self.colors[next % Self.colors.count]
            if free == nil { next += 1 }
            used.insert(color)
            return color
        }
    }
}
