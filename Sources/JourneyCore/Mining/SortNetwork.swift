/// Sorting networks for up to 32 distinct keys (`JourneyRules.sortByTime`'s short cases).
/// Generated (Batcher's odd–even merge sort, checked by the 0–1 principle)
/// by `scripts/gen-sort-networks`; edit that, not this. Unrolled, so that the keys stay in
/// registers: the same networks as one loop over a table of pairs took ~4 % more CPU of `mine`
/// on the shuffled 10M-row log (2026-12-05).
enum SortNetwork {
    @inline(__always)
    static func exchange(_ a: inout UInt64, _ b: inout UInt64) {
        let low = min(a, b)
        b = max(a, b)
        a = low
    }

    /// Sorts `k[0..<4]` ascending (5 compare–exchanges, no branches).
    @inline(__always)
    static func sort4(_ k: UnsafeMutablePointer<UInt64>) {
        var x0 = k[0]
        var x1 = k[1]
        var x2 = k[2]
        var x3 = k[3]
        exchange(&x0, &x1)
        exchange(&x2, &x3)
        exchange(&x0, &x2)
        exchange(&x1, &x3)
        exchange(&x1, &x2)
        k[0] = x0
        k[1] = x1
        k[2] = x2
        k[3] = x3
    }

    /// Sorts `k[0..<8]` ascending (19 compare–exchanges, no branches).
    @inline(__always)
    static func sort8(_ k: UnsafeMutablePointer<UInt64>) {
        var x0 = k[0]
        var x1 = k[1]
        var x2 = k[2]
        var x3 = k[3]
        var x4 = k[4]
        var x5 = k[5]
        var x6 = k[6]
        var x7 = k[7]
        exchange(&x0, &x1)
        exchange(&x2, &x3)
        exchange(&x0, &x2)
        exchange(&x1, &x3)
        exchange(&x1, &x2)
        exchange(&x4, &x5)
        exchange(&x6, &x7)
        exchange(&x4, &x6)
        exchange(&x5, &x7)
        exchange(&x5, &x6)
        exchange(&x0, &x4)
        exchange(&x2, &x6)
        exchange(&x2, &x4)
        exchange(&x1, &x5)
        exchange(&x3, &x7)
        exchange(&x3, &x5)
        exchange(&x1, &x2)
        exchange(&x3, &x4)
        exchange(&x5, &x6)
        k[0] = x0
        k[1] = x1
        k[2] = x2
        k[3] = x3
        k[4] = x4
        k[5] = x5
        k[6] = x6
        k[7] = x7
    }

    /// Sorts `k[0..<16]` ascending (63 compare–exchanges, no branches).
    @inline(__always)
    static func sort16(_ k: UnsafeMutablePointer<UInt64>) {
        var x0 = k[0]
        var x1 = k[1]
        var x2 = k[2]
        var x3 = k[3]
        var x4 = k[4]
        var x5 = k[5]
        var x6 = k[6]
        var x7 = k[7]
        var x8 = k[8]
        var x9 = k[9]
        var x10 = k[10]
        var x11 = k[11]
        var x12 = k[12]
        var x13 = k[13]
        var x14 = k[14]
        var x15 = k[15]
        exchange(&x0, &x1)
        exchange(&x2, &x3)
        exchange(&x0, &x2)
        exchange(&x1, &x3)
        exchange(&x1, &x2)
        exchange(&x4, &x5)
        exchange(&x6, &x7)
        exchange(&x4, &x6)
        exchange(&x5, &x7)
        exchange(&x5, &x6)
        exchange(&x0, &x4)
        exchange(&x2, &x6)
        exchange(&x2, &x4)
        exchange(&x1, &x5)
        exchange(&x3, &x7)
        exchange(&x3, &x5)
        exchange(&x1, &x2)
        exchange(&x3, &x4)
        exchange(&x5, &x6)
        exchange(&x8, &x9)
        exchange(&x10, &x11)
        exchange(&x8, &x10)
        exchange(&x9, &x11)
        exchange(&x9, &x10)
        exchange(&x12, &x13)
        exchange(&x14, &x15)
        exchange(&x12, &x14)
        exchange(&x13, &x15)
        exchange(&x13, &x14)
        exchange(&x8, &x12)
        exchange(&x10, &x14)
        exchange(&x10, &x12)
        exchange(&x9, &x13)
        exchange(&x11, &x15)
        exchange(&x11, &x13)
        exchange(&x9, &x10)
        exchange(&x11, &x12)
        exchange(&x13, &x14)
        exchange(&x0, &x8)
        exchange(&x4, &x12)
        exchange(&x4, &x8)
        exchange(&x2, &x10)
        exchange(&x6, &x14)
        exchange(&x6, &x10)
        exchange(&x2, &x4)
        exchange(&x6, &x8)
        exchange(&x10, &x12)
        exchange(&x1, &x9)
        exchange(&x5, &x13)
        exchange(&x5, &x9)
        exchange(&x3, &x11)
        exchange(&x7, &x15)
        exchange(&x7, &x11)
        exchange(&x3, &x5)
        exchange(&x7, &x9)
        exchange(&x11, &x13)
        exchange(&x1, &x2)
        exchange(&x3, &x4)
        exchange(&x5, &x6)
        exchange(&x7, &x8)
        exchange(&x9, &x10)
        exchange(&x11, &x12)
        exchange(&x13, &x14)
        k[0] = x0
        k[1] = x1
        k[2] = x2
        k[3] = x3
        k[4] = x4
        k[5] = x5
        k[6] = x6
        k[7] = x7
        k[8] = x8
        k[9] = x9
        k[10] = x10
        k[11] = x11
        k[12] = x12
        k[13] = x13
        k[14] = x14
        k[15] = x15
    }

    /// Sorts `k[0..<32]` ascending (191 compare–exchanges, no branches).
    @inline(__always)
    static func sort32(_ k: UnsafeMutablePointer<UInt64>) {
        var x0 = k[0]
        var x1 = k[1]
        var x2 = k[2]
        var x3 = k[3]
        var x4 = k[4]
        var x5 = k[5]
        var x6 = k[6]
        var x7 = k[7]
        var x8 = k[8]
        var x9 = k[9]
        var x10 = k[10]
        var x11 = k[11]
        var x12 = k[12]
        var x13 = k[13]
        var x14 = k[14]
        var x15 = k[15]
        var x16 = k[16]
        var x17 = k[17]
        var x18 = k[18]
        var x19 = k[19]
        var x20 = k[20]
        var x21 = k[21]
        var x22 = k[22]
        var x23 = k[23]
        var x24 = k[24]
        var x25 = k[25]
        var x26 = k[26]
        var x27 = k[27]
        var x28 = k[28]
        var x29 = k[29]
        var x30 = k[30]
        var x31 = k[31]
        exchange(&x0, &x1)
        exchange(&x2, &x3)
        exchange(&x0, &x2)
        exchange(&x1, &x3)
        exchange(&x1, &x2)
        exchange(&x4, &x5)
        exchange(&x6, &x7)
        exchange(&x4, &x6)
        exchange(&x5, &x7)
        exchange(&x5, &x6)
        exchange(&x0, &x4)
        exchange(&x2, &x6)
        exchange(&x2, &x4)
        exchange(&x1, &x5)
        exchange(&x3, &x7)
        exchange(&x3, &x5)
        exchange(&x1, &x2)
        exchange(&x3, &x4)
        exchange(&x5, &x6)
        exchange(&x8, &x9)
        exchange(&x10, &x11)
        exchange(&x8, &x10)
        exchange(&x9, &x11)
        exchange(&x9, &x10)
        exchange(&x12, &x13)
        exchange(&x14, &x15)
        exchange(&x12, &x14)
        exchange(&x13, &x15)
        exchange(&x13, &x14)
        exchange(&x8, &x12)
        exchange(&x10, &x14)
        exchange(&x10, &x12)
        exchange(&x9, &x13)
        exchange(&x11, &x15)
        exchange(&x11, &x13)
        exchange(&x9, &x10)
        exchange(&x11, &x12)
        exchange(&x13, &x14)
        exchange(&x0, &x8)
        exchange(&x4, &x12)
        exchange(&x4, &x8)
        exchange(&x2, &x10)
        exchange(&x6, &x14)
        exchange(&x6, &x10)
        exchange(&x2, &x4)
        exchange(&x6, &x8)
        exchange(&x10, &x12)
        exchange(&x1, &x9)
        exchange(&x5, &x13)
        exchange(&x5, &x9)
        exchange(&x3, &x11)
        exchange(&x7, &x15)
        exchange(&x7, &x11)
        exchange(&x3, &x5)
        exchange(&x7, &x9)
        exchange(&x11, &x13)
        exchange(&x1, &x2)
        exchange(&x3, &x4)
        exchange(&x5, &x6)
        exchange(&x7, &x8)
        exchange(&x9, &x10)
        exchange(&x11, &x12)
        exchange(&x13, &x14)
        exchange(&x16, &x17)
        exchange(&x18, &x19)
        exchange(&x16, &x18)
        exchange(&x17, &x19)
        exchange(&x17, &x18)
        exchange(&x20, &x21)
        exchange(&x22, &x23)
        exchange(&x20, &x22)
        exchange(&x21, &x23)
        exchange(&x21, &x22)
        exchange(&x16, &x20)
        exchange(&x18, &x22)
        exchange(&x18, &x20)
        exchange(&x17, &x21)
        exchange(&x19, &x23)
        exchange(&x19, &x21)
        exchange(&x17, &x18)
        exchange(&x19, &x20)
        exchange(&x21, &x22)
        exchange(&x24, &x25)
        exchange(&x26, &x27)
        exchange(&x24, &x26)
        exchange(&x25, &x27)
        exchange(&x25, &x26)
        exchange(&x28, &x29)
        exchange(&x30, &x31)
        exchange(&x28, &x30)
        exchange(&x29, &x31)
        exchange(&x29, &x30)
        exchange(&x24, &x28)
        exchange(&x26, &x30)
        exchange(&x26, &x28)
        exchange(&x25, &x29)
        exchange(&x27, &x31)
        exchange(&x27, &x29)
        exchange(&x25, &x26)
        exchange(&x27, &x28)
        exchange(&x29, &x30)
        exchange(&x16, &x24)
        exchange(&x20, &x28)
        exchange(&x20, &x24)
        exchange(&x18, &x26)
        exchange(&x22, &x30)
        exchange(&x22, &x26)
        exchange(&x18, &x20)
        exchange(&x22, &x24)
        exchange(&x26, &x28)
        exchange(&x17, &x25)
        exchange(&x21, &x29)
        exchange(&x21, &x25)
        exchange(&x19, &x27)
        exchange(&x23, &x31)
        exchange(&x23, &x27)
        exchange(&x19, &x21)
        exchange(&x23, &x25)
        exchange(&x27, &x29)
        exchange(&x17, &x18)
        exchange(&x19, &x20)
        exchange(&x21, &x22)
        exchange(&x23, &x24)
        exchange(&x25, &x26)
        exchange(&x27, &x28)
        exchange(&x29, &x30)
        exchange(&x0, &x16)
        exchange(&x8, &x24)
        exchange(&x8, &x16)
        exchange(&x4, &x20)
        exchange(&x12, &x28)
        exchange(&x12, &x20)
        exchange(&x4, &x8)
        exchange(&x12, &x16)
        exchange(&x20, &x24)
        exchange(&x2, &x18)
        exchange(&x10, &x26)
        exchange(&x10, &x18)
        exchange(&x6, &x22)
        exchange(&x14, &x30)
        exchange(&x14, &x22)
        exchange(&x6, &x10)
        exchange(&x14, &x18)
        exchange(&x22, &x26)
        exchange(&x2, &x4)
        exchange(&x6, &x8)
        exchange(&x10, &x12)
        exchange(&x14, &x16)
        exchange(&x18, &x20)
        exchange(&x22, &x24)
        exchange(&x26, &x28)
        exchange(&x1, &x17)
        exchange(&x9, &x25)
        exchange(&x9, &x17)
        exchange(&x5, &x21)
        exchange(&x13, &x29)
        exchange(&x13, &x21)
        exchange(&x5, &x9)
        exchange(&x13, &x17)
        exchange(&x21, &x25)
        exchange(&x3, &x19)
        exchange(&x11, &x27)
        exchange(&x11, &x19)
        exchange(&x7, &x23)
        exchange(&x15, &x31)
        exchange(&x15, &x23)
        exchange(&x7, &x11)
        exchange(&x15, &x19)
        exchange(&x23, &x27)
        exchange(&x3, &x5)
        exchange(&x7, &x9)
        exchange(&x11, &x13)
        exchange(&x15, &x17)
        exchange(&x19, &x21)
        exchange(&x23, &x25)
        exchange(&x27, &x29)
        exchange(&x1, &x2)
        exchange(&x3, &x4)
        exchange(&x5, &x6)
        exchange(&x7, &x8)
        exchange(&x9, &x10)
        exchange(&x11, &x12)
        exchange(&x13, &x14)
        exchange(&x15, &x16)
        exchange(&x17, &x18)
        exchange(&x19, &x20)
        exchange(&x21, &x22)
        exchange(&x23, &x24)
        exchange(&x25, &x26)
        exchange(&x27, &x28)
        exchange(&x29, &x30)
        k[0] = x0
        k[1] = x1
        k[2] = x2
        k[3] = x3
        k[4] = x4
        k[5] = x5
        k[6] = x6
        k[7] = x7
        k[8] = x8
        k[9] = x9
        k[10] = x10
        k[11] = x11
        k[12] = x12
        k[13] = x13
        k[14] = x14
        k[15] = x15
        k[16] = x16
        k[17] = x17
        k[18] = x18
        k[19] = x19
        k[20] = x20
        k[21] = x21
        k[22] = x22
        k[23] = x23
        k[24] = x24
        k[25] = x25
        k[26] = x26
        k[27] = x27
        k[28] = x28
        k[29] = x29
        k[30] = x30
        k[31] = x31
    }
}
