import Foundation

/// A small log whose names and times take the engines' casts and name normalisation off the
/// ASCII path: Thai activity and channel names (no letter case, combining vowels), Greek and
/// Cyrillic camelCase, a name with a space where the template writes `_`; timestamps with `T`
/// or a space, `Z`, `+07:00`, `+0700`, `-02:00`, `+05:30`, 1 to 9 fraction digits (local
/// mining keeps µs, the rest cut off), and without a zone (read in `--timezone`). Every engine's
/// journey file must equal local mining's with `unicodeTemplate` and these flags.
enum EngineUnicodeLog {
    static let csv = """
        user,ts,event,channel
        u1,2024-03-01T10:00:00+07:00,ดูสินค้า,เว็บ
        u1,2024-03-01T10:00:00.5+07:00,เพิ่มลงตะกร้า,เว็บ
        u1,2024-03-01 03:00:00.750Z,ชำระเงิน,แอป
        u1,2024-03-01T03:00:00.123456Z,ดูสินค้า,เว็บ
        u2,2024-03-01T12:30:00.000001+05:30,ดูสินค้า,LINE
        u2,2024-03-01T07:00:00.999999Z,ชำระเงิน,LINE
        u2,2024-03-01T07:00:01-02:00,เพิ่มลงตะกร้า,แอป
        u2,2024-03-01T09:00:01.1234567-02:00,ชำระเงิน,แอป
        u3,2024-03-02T00:00:00.1+00:00,ViewItem,เว็บ
        u3,2024-03-02 00:00:00.10,ดู สินค้า,เว็บ
        u3,2024-03-02T09:00:00.25+0900,ชำระเงิน_สำเร็จ,เว็บ
        u3,2024-03-02T00:00:00.2500Z,ΠροβολήΠροϊόντος,เว็บ
        u3,2024-03-02 07:00:00.123456789,ดูสินค้า,แอป
        u4,2024-03-03T10:00:00.123+07:00,ПросмотрТовара,app
        u4,2024-03-03T10:00:00.124+07:00,ชำระเงิน,APP
        u4,2024-03-03T10:00:00.124+07:00,ดูสินค้า,แอป
        u5,2024-03-03 23:59:59.999999,เพิ่มลงตะกร้า,LINE
        u5,2024-03-04T00:00:00Z,ชำระเงิน,แอป

        """

    static let columns = ["--case", "user", "--activity", "event", "--timestamp", "ts", "--channel", "channel"]

    /// Rules on Thai, Greek and Cyrillic names: exact (normalised: `ดู สินค้า` is `ดู_สินค้า`),
    /// globs with `*` and `?`, and a channel rule on a Thai channel.
    static let template = """
        id: unicode
        names: {en: Unicode}
        language: en
        stages:
          - id: look
            names: {en: Look}
          - id: buy
            names: {en: Buy}
        touchpoints:
          - match: [ดู_สินค้า]
            touchpoint: ดู
            stage: look
          - match: [view_item, προβολή_προϊόντος]
            stage: look
          - glob: ["ชำระเงิน*"]
            channel: แอป
            touchpoint: จ่ายในแอป
            stage: buy
          - glob: ["ชำระ*", "просмотр_*"]
            stage: buy
          - glob: ["เพิ่ม?งตะกร้า"]
            stage: buy

        """

    /// (label, flags apart from the columns); `template` is the path of `template` written out.
    static func variants(template: String) -> [(String, [String])] {
        [
            ("unicode default", []),
            ("unicode template", ["--template", template]),
            ("unicode template, session gap, where", ["--template", template, "--session-gap", "1h", "--where", "channel=เว็บ,แอป"]),
            ("unicode since-until with zones", ["--template", template, "--since", "2024-03-01T09:00:00+07:00", "--until", "2024-03-03T03:00:00.124Z"]),
            ("unicode timezone", ["--template", template, "--timezone", "Asia/Bangkok"]),
        ]
    }

    /// Writes the log and the template into `folder`: (log, template).
    static func write(in folder: URL) throws -> (log: URL, template: URL) {
        let log = folder.appendingPathComponent("unicode.csv"), template = folder.appendingPathComponent("unicode.yaml")
        try csv.write(to: log, atomically: true, encoding: .utf8)
        try Self.template.write(to: template, atomically: true, encoding: .utf8)
        return (log, template)
    }
}
