import CGraphviz
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cgraph id discipline that numbers objects in creation order, so layouts are repeatable.
///
/// Graphviz's default discipline (`AgIdDisc`) uses the address of an object's interned name as
/// its id, and a process-wide counter for anonymous objects. dot orders nodes, edges and
/// subgraphs by id in several places, so the same graph laid out twice in one process came out
/// differently (19 of 20 runs differed in `GraphvizDeterminismTests` with the default). Here every
/// object, named or not, gets the next odd number from a counter that belongs to this graph
/// alone (odd, like the default's anonymous ids): same creation order → same ids → same layout.
///
/// Names are kept by the discipline itself (name → id for lookups, id → C string for
/// `agnameof`), not refused: when a discipline refuses names, cgraph 2.42 keeps them in its
/// internal map, whose entries `agclose` never frees (valgrind: ~50 bytes definitely lost per
/// named object per layout).
///
/// Memory: one heap block owned by the Swift caller holds the `Agdisc_t` passed to `agopen`,
/// the `Agiddisc_t` cgraph keeps a pointer to, and the name table. `open` finds the table from
/// the `Agdisc_t` address; nothing is allocated in a callback that a callback must free, so
/// nothing depends on which path `agclose` takes. Free the block only after `agclose`.
struct GraphvizIDDiscipline {
    /// Ids and names of one graph. Only touched from cgraph callbacks, under `GraphvizLock`.
    private final class Table {
        var nextID: IDTYPE = 1
        var idsByName: [String: IDTYPE] = [:]
        /// C copies of the names, handed out by `print`; freed with the table or the object.
        var namesByID: [IDTYPE: UnsafeMutablePointer<CChar>] = [:]

        func map(_ name: UnsafeMutablePointer<CChar>?, create: Bool) -> IDTYPE? {
            guard let name else {
                return create ? newID() : nil
            }
            let key = String(cString: name)
            if let known = idsByName[key] { return known }
            guard create, let copy = strdup(name) else { return nil }
            let id = newID()
            idsByName[key] = id
            namesByID[id] = copy
            return id
        }

        func release(_ id: IDTYPE) {
            guard let name = namesByID.removeValue(forKey: id) else { return }
            idsByName[String(cString: name)] = nil
            free(name)
        }

        private func newID() -> IDTYPE {
            defer { nextID += 2 }
            return nextID
        }

        deinit {
            for name in namesByID.values { free(name) }
        }
    }

    private struct Block {
        var disc: Agdisc_t
        var ids: Agiddisc_t
        var table: Unmanaged<Table>
    }

    private let block: UnsafeMutablePointer<Block>

    /// The discipline to pass to `agopen`.
    var disc: UnsafeMutablePointer<Agdisc_t> { block.pointer(to: \.disc)! }

    /// Allocates a fresh block; pair with `deallocate()` after `agclose`.
    static func allocate() -> GraphvizIDDiscipline {
        let block = UnsafeMutablePointer<Block>.allocate(capacity: 1)
        block.initialize(to: Block(disc: Agdisc_t(), ids: callbacks, table: Unmanaged.passRetained(Table())))
        block.pointee.disc = Agdisc_t(mem: nil, id: block.pointer(to: \.ids), io: nil)
        return GraphvizIDDiscipline(block: block)
    }

    func deallocate() {
        block.pointee.table.release()
        block.deinitialize(count: 1)
        block.deallocate()
    }

    private static let discOffset = MemoryLayout<Block>.offset(of: \Block.disc)!

    private static func table(_ state: UnsafeMutableRawPointer?) -> Table? {
        state.map { Unmanaged<Table>.fromOpaque($0).takeUnretainedValue() }
    }

    /// The callbacks; none captures anything (they are C function pointers).
    private static let callbacks = Agiddisc_t(
        // open: the per-graph state is the table in the block that holds `disc`.
        open: { _, disc in
            guard let disc else { return nil }
            let block = (UnsafeMutableRawPointer(disc) - GraphvizIDDiscipline.discOffset)
                .assumingMemoryBound(to: Block.self)
            return block.pointee.table.toOpaque()
        },
        map: { state, _, name, id, createFlag in
            guard let id, let found = GraphvizIDDiscipline.table(state)?.map(name, create: createFlag != 0) else {
                return 0
            }
            id.pointee = found
            return 1
        },
        // alloc: refuse caller-chosen ids (agidnode/agidsubg); they could collide with the counter.
        alloc: { _, _, _ in 0 },
        free: { state, _, id in GraphvizIDDiscipline.table(state)?.release(id) },
        print: { state, _, id in GraphvizIDDiscipline.table(state)?.namesByID[id] },
        close: { _ in },
        idregister: { _, _, _ in }
    )
}
