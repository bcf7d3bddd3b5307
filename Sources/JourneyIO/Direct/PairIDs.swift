@_spi(JourneyIO) import JourneyCore
/// One byte range's ids for (activity, channel) pairs, in first-seen order: an activity and
/// a channel cache (`ByteInterner`, names compared as machine words) and a hash table from
/// the two ids to the pair id (memory linear in the pairs seen, however many activities and
/// channels: a dense activities × channels table took 2.6 GB at 20,000 activities). Pairs are
/// few (touchpoints × channels), so the ids fit 16 bits.
/// In front, a cache of pairs whose names are both at most 16 bytes, keyed by the names'
/// words, two slots for each: one hash and one or two slots per row instead of two lookups
/// and the table (measured: the two lookups were ~9 % of a 10M-row direct read).
struct PairIDs: ~Copyable {
    /// Per front slot: activity head, tail, channel head, tail words; lengths (activity << 8 |
    /// channel, + 1 so 0 is empty) and pair id.
    private let front = UnsafeMutablePointer<UInt64>.allocate(capacity: 4 * PairIDs.frontSlots)
    private let frontKey = UnsafeMutablePointer<UInt32>.allocate(capacity: PairIDs.frontSlots)
    private let frontPair = UnsafeMutablePointer<UInt16>.allocate(capacity: PairIDs.frontSlots)
    private static let frontSlots = 512

    /// Pair names by id (bytes as in the file; an absent channel is empty).
    private(set) var activityNames: [[UInt8]] = []
    private(set) var channelNames: [[UInt8]] = []
    private(set) var pairActivity: [Int] = []
    private(set) var pairChannel: [Int] = []

    private var activities = ByteInterner()
    private var channels = ByteInterner()
    /// The channel id of the empty channel (no channel column, or an empty cell): the
    /// interner cannot hold an empty name.
    private var emptyChannel: Int?
    /// Open addressing from (activity id << 32 | channel id) + 1 (0 = empty slot) to pair id.
    private var slotKeys = RawColumn<UInt64>(repeating: 0, count: 1024)
    private var slotPairs = RawColumn<UInt16>(repeating: 0, count: 1024)

    static let maxPairs = Int(UInt16.max) - 1

    init() { frontKey.initialize(repeating: 0, count: Self.frontSlots) }
    deinit { slotKeys.free(); slotPairs.free(); front.deallocate(); frontKey.deallocate(); frontPair.deallocate() }

    var pairCount: Int { pairActivity.count }

    /// The pair id of `activity` and `channel` (empty: absent); nil past `maxPairs` pairs or
    /// 65,536 distinct activities or channels (the caches' limit).
    @inline(__always)
    mutating func id(activity: UnsafeRawBufferPointer, channel: UnsafeRawBufferPointer) -> UInt16? {
        let an = activity.count, cn = channel.count
        guard an <= 16, cn <= 16 else { return slowID(activity: activity, channel: channel) }
        let (ah, at) = an == 0 ? (0, 0) : ByteInterner.words(activity.baseAddress!, an)
        let (ch, ct) = cn == 0 ? (0, 0) : ByteInterner.words(channel.baseAddress!, cn)
        let key = UInt32(an << 8 | cn) + 1
        let h = ByteInterner.mix(ah ^ ct ^ UInt64(key), at ^ ch ^ 0x9e37_79b9_7f4a_7c15)
        // Two slots a pair may take (measured with one: of a log's ~100 pairs a few shared a
        // slot and took turns in it, and the slow look-up was ~0.8 % of `mine`).
        let k = Int(truncatingIfNeeded: h) & (Self.frontSlots - 1)
        let w = front + 4 * k
        if frontKey[k] == key && w[0] == ah && w[1] == at && w[2] == ch && w[3] == ct { return frontPair[k] }
        return missedFirstSlot(k, hash: h, key: key, words: (ah, at, ch, ct), activity: activity, channel: channel)
    }

    /// `id` past the pair's first slot (kept out of line, so that `id` stays small enough to
    /// be inlined into the reader's loop).
    @inline(never)
    private mutating func missedFirstSlot(_ first: Int, hash h: UInt64, key: UInt32, words: (UInt64, UInt64, UInt64, UInt64),
                                          activity: UnsafeRawBufferPointer, channel: UnsafeRawBufferPointer) -> UInt16? {
        let (ah, at, ch, ct) = words
        let other = Int(truncatingIfNeeded: h >> 32) & (Self.frontSlots - 1)
        let o = front + 4 * other
        if frontKey[other] == key && o[0] == ah && o[1] == at && o[2] == ch && o[3] == ct { return frontPair[other] }
        guard let id = slowID(activity: activity, channel: channel) else { return nil }
        let k = frontKey[first] != 0 && frontKey[other] == 0 ? other : first
        let w = front + 4 * k
        w[0] = ah; w[1] = at; w[2] = ch; w[3] = ct
        frontKey[k] = key
        frontPair[k] = id
        return id
    }

    private mutating func slowID(activity: UnsafeRawBufferPointer, channel: UnsafeRawBufferPointer) -> UInt16? {
        guard let a = Self.localID(activity, &activities, &activityNames) else { return nil }
        let c: Int
        if channel.isEmpty {
            if emptyChannel == nil {
                guard channelNames.count < 65_536 else { return nil }
                channelNames.append([])
                emptyChannel = channelNames.count - 1
            }
            c = emptyChannel!
        } else {
            guard let id = Self.localID(channel, &channels, &channelNames) else { return nil }
            c = id
        }
        let key = (UInt64(a) << 32 | UInt64(c)) + 1
        let mask = slotKeys.count - 1
        var i = Int(truncatingIfNeeded: ByteInterner.mix(key, 0x9e37_79b9_7f4a_7c15)) & mask
        while slotKeys[i] != 0 {
            if slotKeys[i] == key { return slotPairs[i] }
            i = (i + 1) & mask
        }
        guard pairActivity.count < Self.maxPairs else { return nil }
        let id = UInt16(pairActivity.count)
        pairActivity.append(a)
        pairChannel.append(c)
        slotKeys[i] = key
        slotPairs[i] = id
        if pairActivity.count * 2 > slotKeys.count { rehash() }
        return id
    }

    /// The id `interner` gives `bytes`, a new one (appended to `names`) the first time; nil
    /// past 65,536 names (the interner's cache limit).
    private static func localID(_ bytes: UnsafeRawBufferPointer, _ interner: inout ByteInterner,
                                _ names: inout [[UInt8]]) -> Int? {
        if let cached = interner.cachedID(bytes) { return Int(cached) }
        // A name that is not UTF-8: the general reader reports it (`TextEncodingCheck`).
        guard names.count < 65_536, TextEncodingCheck.isUTF8(bytes) else { return nil }
        names.append(Array(bytes))
        interner.remember(bytes, id: UInt32(names.count - 1))
        return names.count - 1
    }

    /// Doubles the pair table (kept at most half full).
    private mutating func rehash() {
        let size = slotKeys.count * 2
        let keys = RawColumn<UInt64>(repeating: 0, count: size)
        let pairs = RawColumn<UInt16>(repeating: 0, count: size)
        for k in 0..<slotKeys.count where slotKeys[k] != 0 {
            var i = Int(truncatingIfNeeded: ByteInterner.mix(slotKeys[k], 0x9e37_79b9_7f4a_7c15)) & (size - 1)
            while keys[i] != 0 { i = (i + 1) & (size - 1) }
            keys[i] = slotKeys[k]
            pairs[i] = slotPairs[k]
        }
        slotKeys.free(); slotPairs.free()
        slotKeys = keys
        slotPairs = pairs
    }

    /// The activity and channel names of pair `id`.
    func names(_ id: Int) -> (activity: [UInt8], channel: [UInt8]) {
        (activityNames[pairActivity[id]], channelNames[pairChannel[id]])
    }
}
