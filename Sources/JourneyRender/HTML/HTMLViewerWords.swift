/// The interface words of the one-file HTML page, in the picture's language (English for any
/// language without its own words).
enum HTMLViewerWords {
    static func words(_ language: String) -> [String: String] {
        language == "th" ? thai : english
    }

    static let english: [String: String] = [
        "events": "events", "journeys": "journeys", "shareOfJourneys": "share of journeys",
        "starts": "journeys start here", "ends": "journeys end here", "repeats": "repeats (↻)",
        "moves": "moves", "shareOfSource": "share of the source's moves", "median": "median time",
        "p90": "90th percentile time", "next": "Top next steps", "previous": "Top previous steps",
        "clear": "Clear selection (Esc)", "found": "found", "flowsShown": "flows shown", "movesHidden": "of moves hidden",
        "hint": "Point at a touchpoint or flow for its numbers; click a touchpoint (or Tab to it and press Enter) to see its flows; Esc clears. Drag to pan, wheel or + − to zoom.",
        "search": "Search touchpoints", "flows": "Flows", "zoomIn": "Zoom in", "zoomOut": "Zoom out",
        "reset": "Whole map", "download": "Download view (SVG)",
        "view": "The picture: drag or arrow keys to pan, wheel or + and − to zoom, 0 for the whole picture",
    ]

    static let thai: [String: String] = [
        "events": "เหตุการณ์", "journeys": "เส้นทาง", "shareOfJourneys": "สัดส่วนของเส้นทาง",
        "starts": "เส้นทางที่เริ่มที่นี่", "ends": "เส้นทางที่จบที่นี่", "repeats": "ซ้ำ (↻)",
        "moves": "จำนวนครั้งที่ย้าย", "shareOfSource": "สัดส่วนของการย้ายออกจากจุดต้นทาง", "median": "เวลามัธยฐาน",
        "p90": "เวลาเปอร์เซ็นไทล์ที่ 90", "next": "ขั้นถัดไปที่พบบ่อย", "previous": "ขั้นก่อนหน้าที่พบบ่อย",
        "clear": "ล้างการเลือก (Esc)", "found": "รายการที่พบ", "flowsShown": "เส้นที่แสดง", "movesHidden": "ของการย้ายถูกซ่อน",
        "hint": "ชี้ที่จุดสัมผัสหรือเส้นเพื่อดูตัวเลข คลิกจุดสัมผัส (หรือกด Tab แล้ว Enter) เพื่อดูเส้นเข้าออก Esc เพื่อล้าง ลากเพื่อเลื่อน ใช้ล้อเมาส์หรือ + − เพื่อซูม",
        "search": "ค้นหาจุดสัมผัส", "flows": "เส้น", "zoomIn": "ซูมเข้า", "zoomOut": "ซูมออก",
        "reset": "ทั้งแผนภาพ", "download": "ดาวน์โหลดมุมมอง (SVG)",
        "view": "แผนภาพ: ลากหรือใช้ปุ่มลูกศรเพื่อเลื่อน ล้อเมาส์หรือ + และ − เพื่อซูม 0 เพื่อดูทั้งภาพ",
    ]
}
