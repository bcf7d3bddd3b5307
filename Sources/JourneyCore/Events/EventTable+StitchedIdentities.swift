extension EventTable {
    /// Gives every event whose case is an anonymous id linked to a user id (`identityLinks`)
    /// that user's case, so that what someone did before signing in belongs to their journey.
    /// Returns how many anonymous ids were joined to a user. Call before `compactCases()`.
    /// - Complexity: O(links + events) when something is joined, O(links) otherwise.
    public func stitchIdentities() -> Int {
        guard !identityLinks.isEmpty else { return 0 }
        let links = identityLinks.userOf.sorted { $0.key < $1.key }
        // An anonymous id that is also someone's user id names a person's own case too: moving
        // its events would move that person's own events (and chains would merge people).
        let users = Set(identityLinks.userOf.values)
        return withCasesAndIDs { pool, ids in
            var map: [UInt32: UInt32] = [:]
            for (anonymous, user) in links where !users.contains(anonymous) {
                guard let a = pool.lookup(anonymous) else { continue }  // never a case: all its rows had the user id
                let u = pool.lookup(user) ?? pool.intern(user)
                if a != u { map[a] = u }
            }
            guard !map.isEmpty else { return 0 }
            var dense = [UInt32](0..<UInt32(pool.count))
            for (a, u) in map { dense[Int(a)] = u }
            dense.withUnsafeBufferPointer { d in
                for i in ids.indices { ids[i] = d[Int(ids[i])] }
            }
            return map.count
        }
    }
}
