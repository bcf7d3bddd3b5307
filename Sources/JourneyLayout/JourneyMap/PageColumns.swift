import JourneyCore

/// A map of several stage columns that is taller than the print page is wide (a process
/// log whose one busy stage stacks a dozen boxes) gets its tallest column split in two, side
/// by side, for the page: the upper half stays, the lower half moves up beside it, and the
/// stages to the right move over. Repeated while each split lets the page show the map at
/// least 5 % larger (at most three splits). Edges between boxes that moved alike move with
/// them; the others take the shortest route around the boxes (`EdgeRouter`).
///
/// Only columns whose boxes share one rank are split (template and inferred stages); the
/// Unassigned stage, spread over ranks by dot, is left alone, as are maps without a page.
enum PageColumns {
    /// `stageOf`: each box's stage id; `order`: the stages left to right; `overhead`, `margin`
    /// as for `PageWrap`; `gap`: room between the two halves of a split column.
    static func split(_ placed: PlacedGraph, page: Size, overhead: Double, margin: Double, gap: Double,
                      stageOf: [String: String], order: [String], edges: [(from: String, to: String)],
                      back: Set<Int>, minStages: Int = 2, maxParts: Int = 2) -> PlacedGraph {
        // One stage on a page is wrapped into rows (`PageWrap`); on a screen it is split here,
        // into as many as `maxParts` side by side (a column is split once: its boxes no longer
        // share one x after).
        guard placed.stageFrames.count >= minStages else { return placed }
        func scale(_ g: PlacedGraph) -> Double {
            let bottom = (g.nodeFrames.values.map(\.maxY).max() ?? g.size.height) + 10
            let top = (g.nodeFrames.values.map(\.minY).min() ?? 0) - 10
            return min((page.width - 56) / (g.size.width + 2 * margin), (page.height - 56) / (bottom - top + overhead))
        }
        var current = placed
        var best = scale(placed)
        var moved = Set<String>()
        for _ in 0..<6 {
            // Either split the tallest one-rank column, or lift the columns that reach lowest
            // (dot often hangs a short column low, in line with its flows) up to the top.
            var candidates: [(graph: PlacedGraph, moved: Set<String>)] = []
            if let stage = tallestColumn(current, stageOf: stageOf, order: order) {
                for parts in 2...max(2, maxParts) {
                    if let split = splitting(stage, in: current, gap: gap, stageOf: stageOf, parts: parts) {
                        candidates.append(split)
                        // A split that only pays once the low columns are lifted too (neither
                        // alone made the map shorter: receipt.csv's 13-box phase beside two low
                        // columns printed at 7.9 pt on A3).
                        // In two halves only: a screen's one-phase column cut in three because
                        // lifting then paid a little more read worse than two halves.
                        if parts == 2, let lifted = lifting(split.graph, stageOf: stageOf, order: order) {
                            candidates.append((lifted.graph, split.moved.union(lifted.moved)))
                        }
                    }
                }
            }
            if let lift = lifting(current, stageOf: stageOf, order: order) { candidates.append(lift) }
            guard let pick = candidates.max(by: { scale($0.graph) < scale($1.graph) }), scale(pick.graph) > best * 1.03 else { break }
            current = pick.graph
            best = scale(pick.graph)
            moved.formUnion(pick.moved)
        }
        guard !moved.isEmpty else { return placed }
        // Edges: moved along when both ends moved alike, else routed afresh.
        let router = EdgeRouter(boxes: current.nodeFrames.values.sorted { ($0.y, $0.x) < ($1.y, $1.x) })
        for (i, e) in edges.enumerated() {
            guard let spline = placed.edgePoints[i], let a0 = placed.nodeFrames[e.from], let b0 = placed.nodeFrames[e.to],
                  let a1 = current.nodeFrames[e.from], let b1 = current.nodeFrames[e.to] else { continue }
            let da = Point(a1.x - a0.x, a1.y - a0.y), db = Point(b1.x - b0.x, b1.y - b0.y)
            if abs(da.x - db.x) < 0.01 && abs(da.y - db.y) < 0.01 {
                current.edgePoints[i] = spline.map { Point($0.x + da.x, $0.y + da.y) }
            } else if let route = router.route(from: a1, to: b1, back: back.contains(i)) {
                current.edgePoints[i] = route
            }
        }
        return current
    }

    /// The stage whose boxes, all in one rank, stack tallest (at least four boxes).
    static func tallestColumn(_ g: PlacedGraph, stageOf: [String: String], order: [String]) -> String? {
        var best: (id: String, height: Double)?
        for id in order where id != StageDefinition.unassigned.id {
            let frames = g.nodeFrames.filter { stageOf[$0.key] == id }.map(\.value)
            guard frames.count >= 4, let x = frames.first?.center.x,
                  frames.allSatisfy({ abs($0.center.x - x) < 1 }) else { continue }
            let height = frames.map(\.maxY).max()! - frames.map(\.minY).min()!
            if height > (best?.height ?? 0) { best = (id, height) }
        }
        return best?.id
    }

    /// The column whose lowest box is the map's lowest moved up until its top box is level with
    /// the map's top box, then the next lowest, while any can move; nil when none can.
    static func lifting(_ g: PlacedGraph, stageOf: [String: String], order: [String]) -> (graph: PlacedGraph, moved: Set<String>)? {
        guard let top = g.nodeFrames.values.map(\.minY).min() else { return nil }
        var out = g
        var moved = Set<String>()
        let columns = order.filter { $0 != StageDefinition.unassigned.id }.map { id in g.nodeFrames.keys.filter { stageOf[$0] == id } }
        for _ in columns.indices {
            guard let bottom = out.nodeFrames.values.map(\.maxY).max(),
                  let names = columns.first(where: { names in names.contains { out.nodeFrames[$0]!.maxY > bottom - 1 } }),
                  let high = names.map({ out.nodeFrames[$0]!.minY }).min(), high > top + 1 else { break }
            for name in names {
                let f = out.nodeFrames[name]!
                out.nodeFrames[name] = Rect(x: f.x, y: f.y - (high - top), width: f.width, height: f.height)
                moved.insert(name)
            }
        }
        return moved.isEmpty ? nil : (out, moved)
    }

    /// `stage`'s boxes cut into `parts` pieces of about equal height (two: an upper and a lower
    /// half), each later piece moved up beside the one before; everything right of the stage
    /// moved over by the width taken.
    static func splitting(_ stage: String, in g: PlacedGraph, gap: Double,
                          stageOf: [String: String], parts: Int = 2) -> (graph: PlacedGraph, moved: Set<String>)? {
        guard let frame = g.stageFrames[stage] else { return nil }
        let column = g.nodeFrames.filter { stageOf[$0.key] == stage }.sorted { ($0.value.minY, $0.key) < ($1.value.minY, $1.key) }
        guard column.count >= 2 * parts else { return nil }
        let top = column[0].value.minY, bottom = column.map(\.value.maxY).max()!
        var cuts: [Int]
        if parts == 2 {
            // The cut that leaves the taller half shortest.
            cuts = [(1..<column.count).min { a, b in
                max(column[a - 1].value.maxY - top, bottom - column[a].value.minY)
                    < max(column[b - 1].value.maxY - top, bottom - column[b].value.minY)
            }!]
        } else {
            // The first box below each equal share of the height.
            let share = (bottom - top) / Double(parts)
            cuts = (1..<parts).map { p in column.firstIndex { $0.value.minY >= top + share * Double(p) } ?? column.count }
            cuts = Array(Set(cuts.filter { $0 > 0 && $0 < column.count })).sorted()
            guard cuts.count == parts - 1 else { return nil }
        }
        let width = column.map(\.value.width).max()!
        let dx = width + gap
        var out = g
        var moved = Set<String>()
        for (piece, start) in cuts.enumerated() {
            let end = piece + 1 < cuts.count ? cuts[piece + 1] : column.count
            let lift = column[start].value.minY - top
            for (name, f) in column[start..<end] {
                out.nodeFrames[name] = Rect(x: f.x + dx * Double(piece + 1), y: f.y - lift, width: f.width, height: f.height)
                moved.insert(name)
            }
        }
        let shift = dx * Double(cuts.count)
        for (name, f) in g.nodeFrames where f.minX >= frame.maxX - 0.5 {
            out.nodeFrames[name] = Rect(x: f.x + shift, y: f.y, width: f.width, height: f.height)
            moved.insert(name)
        }
        for (id, f) in g.stageFrames {
            if id == stage {
                out.stageFrames[id] = Rect(x: f.x, y: f.y, width: f.width + shift, height: f.height)
            } else if f.minX >= frame.maxX - 0.5 {
                out.stageFrames[id] = Rect(x: f.x + shift, y: f.y, width: f.width, height: f.height)
            }
        }
        out.size.width += shift
        // Edges are placed by `split` once the columns are settled; until then keep them off
        // the height measure (the caller trims to the boxes).
        return (out, moved)
    }
}
