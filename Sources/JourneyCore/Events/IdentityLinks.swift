/// Which user id an anonymous id belongs to, learned from rows that carry both.
///
/// Segment sends `anonymousId` on every call and `userId` once someone has signed in or been
/// identified; Amplitude has `device_id` beside `user_id`. With a case fallback column
/// (`userId` else `anonymousId`), the events before sign-in would form a journey of their own
/// and the person's journey would start at sign-in. A row with both ids links them, and
/// `EventTable.stitchIdentities()` then gives the anonymous events the user's case — what
/// Segment calls identity resolution. The first user id seen with an anonymous id wins (a
/// shared device seen with a second user is counted in `conflicts`, not guessed).
public struct IdentityLinks: Sendable, Equatable {
    /// Anonymous id → the user id first seen with it.
    public private(set) var userOf: [String: String] = [:]
    /// Anonymous ids seen with more than one user id (rows after the first user's).
    public private(set) var conflicts = 0

    public init() {}

    public var isEmpty: Bool { userOf.isEmpty }

    /// Records that a row carried `anonymous` and `user` together.
    public mutating func link(anonymous: String, user: String) {
        guard anonymous != user else { return }
        if let known = userOf[anonymous] {
            if known != user { conflicts += 1 }
            return
        }
        userOf[anonymous] = user
    }

    /// Adds the links of rows read after this one's (a later part of the same file, or a later
    /// file): where both know an anonymous id, this one's user is kept.
    public mutating func merge(_ later: IdentityLinks) {
        conflicts += later.conflicts
        for (anonymous, user) in later.userOf.sorted(by: { $0.key < $1.key }) { link(anonymous: anonymous, user: user) }
    }
}
