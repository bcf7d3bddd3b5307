import JourneyCore

/// The drawing passes of `SankeySceneBuilder`, in the order their items are stacked:
/// ribbons, nodes, return arcs, labels, headers.
extension SankeySceneBuilder {
    /// Node tags carry the label's name and numbers (the text exports).
    func nodeTag(_ n: SankeyFlows.Node, _ labels: MeasuredLabels) -> SceneTag {
        let label = labels[n.id]
        return SceneTag(.touchpointBox, Self.nodeID(n.id), stage: "column\(n.column)", name: label.name,
                        info: label.numbers.isEmpty ? label.name : "\(label.name) · \(label.numbers)")
    }

    /// Link tags carry both ends' names and the value.
    func linkTag(_ link: SankeyFlows.Link, _ labels: MeasuredLabels) -> SceneTag {
        let from = labels[link.source].name, to = labels[link.target].name
        return .edge(.edgePath, from: Self.nodeID(link.source), to: Self.nodeID(link.target),
                     info: "\(from) → \(to) · \(SankeyFormat.count(link.value))", value: Double(link.value))
    }

    /// Ribbons: forward and entry under drop-off, so exits never hide where people went (or in
    /// the overrides' priority).
    func ribbonItems(_ layout: SankeyLayout, labels: MeasuredLabels, colors: SankeyColors) -> [SceneItem] {
        var order = layout.ribbons.filter { flows.links[$0.link].kind != .dropOff } + layout.ribbons.filter { flows.links[$0.link].kind == .dropOff }
        if let o = overrides {
            order = layout.ribbons.sorted { (o.ribbonPriority[$0.link], $0.link) < (o.ribbonPriority[$1.link], $1.link) }
        }
        return order.map { r in
            let link = flows.links[r.link]
            return .path(PathItem(segments: SankeyPaths.ribbon(r), fill: overrides?.ribbonFills[r.link] ?? colors.ribbon(link),
                                  tag: linkTag(link, labels)))
        }
    }

    /// Node rectangles; "Skipped" nodes outlined and dashed.
    func nodeItems(_ layout: SankeyLayout, labels: MeasuredLabels, colors: SankeyColors) -> [SceneItem] {
        flows.nodes.map { n in
            let frame = layout.nodeFrames[n.id]
            if n.kind == .skipped {
                return .rect(RectItem(frame: frame, cornerRadius: sizes.nodeCornerRadius, fill: style.background,
                                      stroke: Stroke(color: style.neutral, width: sizes.skippedBorderWidth, dash: sizes.skippedDash),
                                      tag: nodeTag(n, labels)))
            }
            return .rect(RectItem(frame: frame, cornerRadius: sizes.nodeCornerRadius, fill: overrides?.nodeFills[n.id] ?? colors.node(n.id),
                                  stroke: Stroke(color: style.nodeBorder.withAlpha(sizes.nodeBorderAlpha), width: sizes.nodeBorderWidth),
                                  tag: nodeTag(n, labels)))
        }
    }

    /// Return arcs above the plot, with their count on the level line. Arcs meeting at one
    /// node leave or enter it at different heights, each in its own lane of the gutter left
    /// of the column.
    func returnArcItems(_ layout: SankeyLayout, arcs: ReturnArcs, labels: MeasuredLabels, top: HeaderBand) -> [SceneItem] {
        var ends: [Int: [Int]] = [:]
        var lanes: [Int: [Int]] = [:]
        for l in arcs.drawn {
            let link = flows.links[l]
            ends[link.source, default: []].append(l)
            ends[link.target, default: []].append(l)
            lanes[flows.nodes[link.source].column, default: []].append(l)
            lanes[flows.nodes[link.target].column, default: []].append(l)
        }
        func endY(_ node: Int, _ l: Int) -> Double {
            let list = ends[node] ?? [l], k = list.firstIndex(of: l) ?? 0, f = layout.nodeFrames[node]
            return f.minY + f.height * Double(k + 1) / Double(list.count + 1)
        }
        func laneX(_ node: Int, _ l: Int) -> Double {
            let list = lanes[flows.nodes[node].column] ?? [l], k = list.firstIndex(of: l) ?? 0
            return layout.nodeFrames[node].minX - sizes.arcGutterInset - Double(k) * sizes.arcLaneStep
        }
        let arcTop = top.plotTop - labels.overhang
        var items: [SceneItem] = []
        for (i, l) in arcs.drawn.enumerated() {
            let link = flows.links[l]
            let level = arcTop - gap * sizes.arcBandPadding - (Double(i) + 0.5) * arcs.level
            let from = layout.nodeFrames[link.source], to = layout.nodeFrames[link.target]
            let width = min(max(Double(link.value) * layout.scale, sizes.arcMinimumWidth), sizes.arcMaximumWidth)
            let path = SankeyPaths.returnArc(source: Point(from.minX, endY(link.source, l)), sourceX: laneX(link.source, l),
                                             target: Point(to.minX, endY(link.target, l)), targetX: laneX(link.target, l),
                                             targetEdge: to.minX, level: level, radius: sizes.arcCornerRadius)
            items.append(.path(PathItem(segments: path,
                                        stroke: Stroke(color: style.returnArc, width: width, dash: sizes.arcDash),
                                        arrowAtEnd: Arrow(length: sizes.arrowLength + width,
                                                          width: sizes.arrowWidth + width * sizes.arrowWidthPerStroke,
                                                          color: style.returnArc),
                                        tag: linkTag(link, labels))))
            let text = "↩ \(SankeyFormat.count(link.value))"
            let size = measurer.measure(text, font: arcs.font, maxWidth: nil)
            let cx = (laneX(link.source, l) + laneX(link.target, l)) / 2
            items.append(.text(TextItem(text: text, frame: Rect(x: cx - size.width / 2, y: level - size.height / 2, width: size.width, height: size.height),
                                        font: arcs.font, color: style.text, background: style.background,
                                        tag: .edge(.edgeLabel, from: Self.nodeID(link.source), to: Self.nodeID(link.target)))))
        }
        return items
    }

    /// Node labels right of their node, with a light halo so they read over ribbons.
    func labelItems(_ layout: SankeyLayout, labels: MeasuredLabels, labelGap: Double) -> (items: [SceneItem], frames: [Rect]) {
        var items: [SceneItem] = []
        var frames: [Rect] = []
        let halo = sizes.labelHaloInset
        for n in flows.nodes {
            let node = layout.nodeFrames[n.id], label = labels[n.id]
            let frame = Rect(x: node.maxX + labelGap, y: node.center.y - label.size.height / 2,
                             width: label.size.width, height: label.size.height)
            frames.append(frame)
            var tag = nodeTag(n, labels)
            tag.role = .nodeLabel
            items.append(.rect(RectItem(frame: frame.insetBy(dx: -halo.width, dy: -halo.height), cornerRadius: sizes.labelHaloRadius,
                                        fill: style.background.withAlpha(sizes.labelHaloAlpha), tag: tag)))
            items.append(.text(TextItem(text: label.name, frame: Rect(x: frame.x, y: frame.y, width: label.nameSize.width, height: label.nameSize.height),
                                        font: style.font(sizes.nodeName, bold: true), color: style.text, tag: tag)))
            items.append(.text(TextItem(text: label.numbers, frame: Rect(x: frame.x, y: frame.y + label.nameSize.height, width: label.numbersSize.width, height: label.numbersSize.height),
                                        font: style.font(sizes.nodeNumbers), color: style.mutedText, tag: tag)))
        }
        return (items, frames)
    }

    /// Column headers over their columns.
    func headerItems(_ top: HeaderBand, columns: ColumnPositions) -> (items: [SceneItem], frames: [Rect]) {
        var items: [SceneItem] = []
        var frames: [Rect] = []
        for (c, h) in top.headers.enumerated() {
            let origin = Point(columns.x[c], top.headerTop)
            frames.append(Rect(x: origin.x, y: origin.y, width: h.width, height: h.height))
            items += h.placed(at: origin).tagged(.stageHeader, "column\(c)")
        }
        return (items, frames)
    }
}
