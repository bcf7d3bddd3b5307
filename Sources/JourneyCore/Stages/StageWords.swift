/// What pictures and reports say when stages were inferred from the data, in English and Thai.
public enum StageWords {
    /// A sentence for a footnote.
    public static func inferredSentence(thai: Bool) -> String {
        thai ? "ขั้นของเส้นทางอนุมานจากข้อมูล ตั้งชื่อขั้นได้ด้วย --template (journeymap template suggest เขียนไฟล์เริ่มต้นให้)"
            : "Stages inferred from the data; give --template to name them (journeymap template suggest writes a starter)."
    }

    /// Appended to a source line: " · stages inferred from the data; …".
    public static func inferredNote(thai: Bool) -> String {
        thai ? " · ขั้นอนุมานจากข้อมูล ตั้งชื่อได้ด้วย --template" : " · stages inferred from the data; give --template to name them"
    }
}
