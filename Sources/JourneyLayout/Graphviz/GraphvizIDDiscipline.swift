import CGraphviz

/// A cgraph id discipline that numbers objects in creation order, so layouts are repeatable.
///
/// Graphviz's default discipline (`AgIdDisc`) uses the address of an object's interned name as
/// its id, and a process-wide counter for anonymous objects. dot orders nodes, edges and
/// subgraphs by id in several places, so the same graph laid out twice in one process came out
/// differently (15–19 of 20 runs, measured). This discipline refuses named ids: cgraph then keeps
/// the name in its internal name map (so `agnode(g, name, 0)` and `agnameof` still work) and
/// asks for an anonymous id, which is the next odd number from a counter that belongs to this
/// graph alone (odd, as the default discipline's anonymous ids are). Same creation order → same
/// ids → same layout.
///
/// All state lives in one heap block owned by the Swift caller: the `Agdisc_t` passed to
/// `agopen`, the `Agiddisc_t` cgraph keeps a pointer to, and the counter. The `open` callback
/// finds the counter from the `Agdisc_t` address; nothing is allocated inside a callback, so
/// nothing depends on which path `agclose` takes. The block must outlive the graph: free it only
/// after `agclose`.
struct GraphvizIDDiscipline {
    private struct Block {
        var disc: Agdisc_t
        var ids: Agiddisc_t
        var nextID: IDTYPE
    }

    private let block: UnsafeMutablePointer<Block>

    /// The discipline to pass to `agopen`.
    var disc: UnsafeMutablePointer<Agdisc_t> { block.pointer(to: \.disc)! }

    /// Allocates a fresh block; pair with `deallocate()` after `agclose`.
    static func allocate() -> GraphvizIDDiscipline {
        let block = UnsafeMutablePointer<Block>.allocate(capacity: 1)
        block.initialize(to: Block(disc: Agdisc_t(), ids: Self.callbacks, nextID: 1))
        block.pointee.disc = Agdisc_t(mem: nil, id: block.pointer(to: \.ids), io: nil)
        return GraphvizIDDiscipline(block: block)
    }

    func deallocate() {
        block.deinitialize(count: 1)
        block.deallocate()
    }

    private static let discOffset = MemoryLayout<Block>.offset(of: \Block.disc)!
    private static let counterOffset = MemoryLayout<Block>.offset(of: \Block.nextID)!

    /// The callbacks; none of them captures anything (they are C function pointers).
    private static let callbacks = Agiddisc_t(
        // open: the per-graph state is the counter in the block that holds `disc`.
        open: { _, disc in
            guard let disc else { return nil }
            let base = UnsafeMutableRawPointer(disc) - GraphvizIDDiscipline.discOffset
            return base + GraphvizIDDiscipline.counterOffset
        },
        // map: refuse names (cgraph falls back to its internal name map); number anonymous ids.
        map: { state, _, name, id, createFlag in
            guard name == nil, createFlag != 0, let state, let id else { return 0 }
            let counter = state.assumingMemoryBound(to: IDTYPE.self)
            id.pointee = counter.pointee
            counter.pointee += 2
            return 1
        },
        // alloc: refuse caller-chosen ids (agidnode/agidsubg); they could collide with the counter.
        alloc: { _, _, _ in 0 },
        free: { _, _, _ in },
        // print: no names of our own; cgraph prints names from its internal map.
        print: { _, _, _ in nil },
        close: { _ in },
        idregister: { _, _, _ in }
    )
}
