/// A column of the attribution table that `--min-people` can withhold. The removal effect and
/// the Markov credit go together: one gives the other back (credit = conversions × effect ÷ sum).
public enum AttributionColumn: String, Sendable, Equatable, Hashable, CaseIterable {
    case markov, firstTouch, lastTouch, linear
}

extension Attribution.Row {
    /// Distinct people behind the numbers of `column`.
    public func people(_ column: AttributionColumn) -> Int {
        switch column {
        case .markov: people
        case .firstTouch: peopleFirst
        case .lastTouch: peopleLast
        case .linear: peopleLinear
        }
    }

    public func value(_ column: AttributionColumn) -> Double {
        switch column {
        case .markov: markov
        case .firstTouch: firstTouch
        case .lastTouch: lastTouch
        case .linear: linear
        }
    }
}

extension Attribution {
    /// This attribution with every number resting on fewer than `k` distinct people withheld
    /// (the rules of docs/privacy.md):
    /// 1. a state fewer than `k` people pass is left out whole (counted in `hiddenStates`);
    /// 2. a cell whose people number fewer than `k` is withheld (a 0 rests on nobody and stays);
    /// 3. each column adds up to `conversions` (Markov: its effects to the sum behind the
    ///    credits), so a column with a withheld non-zero cell withholds at least two, one of them
    ///    resting on `k` people or more — the shown cell with the fewest people is added, ties by
    ///    name — and subtraction gives back only a sum of two or more cells behind `k` or more
    ///    people; when no shown cell is left to add, `conversions` is withheld instead;
    /// 4. `conversions` and `convertedAtFirstStep` are withheld below `k` people.
    public func applyingMinPeople(_ k: Int) -> Attribution {
        var a = self
        a.minPeople = k
        guard k > 1 else { return a }
        let dropped = rows.filter { $0.people < k }
        a.hiddenStates = dropped.count
        a.rows = rows.filter { $0.people >= k }
        a.conversionsHidden = convertingPeople < k
        a.firstStepHidden = convertedAtFirstStep > 0 && firstStepPeople < k
        for column in AttributionColumn.allCases {
            for i in a.rows.indices where a.rows[i].value(column) != 0 && a.rows[i].people(column) < k {
                a.rows[i].hidden.insert(column)
            }
            let hiddenCells = dropped.filter { $0.value(column) != 0 }.map { $0.people(column) }
                + a.rows.filter { $0.hidden.contains(column) }.map { $0.people(column) }
            guard !hiddenCells.isEmpty else { continue }
            var count = hiddenCells.count, anchored = hiddenCells.contains { $0 >= k }
            while count < 2 || !anchored {
                let candidates = a.rows.indices.filter { !a.rows[$0].hidden.contains(column) && a.rows[$0].value(column) != 0 }
                guard let pick = candidates.min(by: { x, y in
                    let px = a.rows[x].people(column), py = a.rows[y].people(column)
                    return px != py ? px < py : a.rows[x].name < a.rows[y].name
                }) else {
                    a.conversionsHidden = true
                    break
                }
                a.rows[pick].hidden.insert(column)
                count += 1
                anchored = anchored || a.rows[pick].people(column) >= k
            }
        }
        // Withheld conversions must not come back as a column's sum either: the Markov credits
        // are withheld whole (each is conversions × effect ÷ sum, so one beside its shown effect
        // bounds them all; `shows(_:credit:)`), and a heuristic column with no withheld non-zero
        // cell withholds its shown cell with the fewest people.
        if a.conversionsHidden {
            for column in [AttributionColumn.firstTouch, .lastTouch, .linear] {
                let withheld = dropped.contains { $0.value(column) != 0 }
                    || a.rows.contains { $0.hidden.contains(column) && $0.value(column) != 0 }
                guard !withheld else { continue }
                let candidates = a.rows.indices.filter { a.rows[$0].value(column) != 0 }
                if let pick = candidates.min(by: { x, y in
                    let px = a.rows[x].people(column), py = a.rows[y].people(column)
                    return px != py ? px < py : a.rows[x].name < a.rows[y].name
                }) { a.rows[pick].hidden.insert(column) }
            }
        }
        // A withheld credit goes last (by name), so the order of the rows does not bound it.
        a.rows = a.rows.filter { !$0.hidden.contains(.markov) } + a.rows.filter { $0.hidden.contains(.markov) }.sorted { $0.name < $1.name }
        return a
    }

    /// Whether `row`'s number in `column` is published: for `.markov`, its Markov credit
    /// (`credit`) or its removal effect; credits are withheld whole with the conversions.
    public func shows(_ row: Row, _ column: AttributionColumn, credit: Bool = true) -> Bool {
        !row.hidden.contains(column) && !(column == .markov && credit && conversionsHidden)
    }

    /// The chain's P(conversion) is published only with both conversion counts: times the
    /// journeys it gives back their sum.
    public var conversionProbabilityHidden: Bool { conversionsHidden || firstStepHidden }

    /// Why the conversions are withheld: fewer than `k` people convert (true), or they would
    /// give back a withheld cell of a column that adds up to them (false).
    public var conversionsFromFewPeople: Bool { conversionsHidden && convertingPeople < (minPeople ?? 0) }

    /// The number of conversions as published: the count; "fewer than k" when fewer than `k`
    /// people convert; "withheld" when they are withheld to protect a cell (`--min-people`).
    public func conversionsText(thai: Bool = false) -> String {
        guard conversionsHidden else { return CountFormat.grouped(conversions) }
        if conversionsFromFewPeople { return thai ? "น้อยกว่า \(minPeople ?? 0)" : "fewer than \(minPeople ?? 0)" }
        return thai ? "ไม่แสดงจำนวน" : "withheld"
    }

    /// Why the conversions are withheld, in a sentence ending without a full stop; nil when shown.
    public func conversionsWithheldReason(thai: Bool = false) -> String? {
        guard conversionsHidden, let k = minPeople else { return nil }
        if conversionsFromFewPeople {
            return thai ? "จำนวนคอนเวอร์ชันไม่แสดง: คนที่คอนเวอร์ชันน้อยกว่า \(k) คน"
                        : "conversions withheld: fewer than \(k) people convert"
        }
        return thai ? "จำนวนคอนเวอร์ชันไม่แสดง (มาจาก \(k) คนขึ้นไป): ผลรวมของคอลัมน์จะให้ตัวเลขที่ซ่อนไว้คืนมา ไม่แสดงเครดิตมาร์คอฟด้วย"
                    : "conversions withheld although \(k) people or more convert: every column adds up to them, so with them a withheld cell would come back; the Markov credits are withheld with them"
    }

    /// The words for withheld numbers: "numbers from fewer than 10 people hidden".
    public func minPeopleNote(thai: Bool = false) -> String? {
        guard let k = minPeople, k > 1 else { return nil }
        var s = thai ? "ซ่อนตัวเลขที่มาจากคนน้อยกว่า \(k) คน" : "numbers from fewer than \(k) people hidden"
        if hiddenStates > 0 { s += thai ? " (ไม่แสดง \(hiddenStates) รายการ)" : " (\(hiddenStates) states left out)" }
        return s
    }
}
