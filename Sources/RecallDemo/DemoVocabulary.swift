/// Word lists, subjects and attachment names, pre-rendered to bytes once.
enum DemoVocabulary {
    /// Everyday business words (ASCII).
    static let words: [[UInt8]] = bytes("""
        the team project review budget customer meeting update plan quarter numbers report \
        schedule deadline proposal contract draft feedback status release timeline risk \
        we you they our your please could would should will need want think agree confirm \
        send share check follow discuss prepare finalize approve schedule move align \
        today tomorrow next week Monday Friday morning afternoon later soon already again \
        and or but so because if when while after before with for from about into over \
        new final revised updated open pending critical minor major quick short long \
        sales marketing finance legal design engineering support operations security \
        slide deck spreadsheet invoice order shipment delivery vendor partner account \
        issue ticket question answer decision action item note summary agenda minutes \
        a an this that these those some all each every more less most least very \
        call email chat workshop session demo launch rollout migration pilot training \
        cost price margin revenue forecast target goal metric result trend estimate \
        is are was were be been have has had do does did can may might must \
        office room floor building site region market country city client team lead
        """)

    /// Non-ASCII words sprinkled into "international" bodies.
    static let internationalWords: [[UInt8]] = bytes("""
        Grüße für Straße Zürich réunion café naïve déjà año mañana Ørsted Ångström \
        Müller Köln São façade crème über Łódź Kraków Besprechung Übersicht Änderung \
        équipe señor niño résumé smörgåsbord — € ✓ 会議 Отчёт
        """)

    /// `words` packed for fast copying.
    static let wordTable = DemoWordTable(words)
    /// `internationalWords` packed for fast copying.
    static let internationalWordTable = DemoWordTable(internationalWords)

    /// Subjects of ordinary mail; some need RFC 2047 encoding.
    static let subjects: [[UInt8]] = bytes([
        "Q3 budget review", "Team offsite agenda", "Updated project timeline", "Invoice 2025-1187",
        "Customer escalation: Fabrikam", "Weekly status report", "Lunch on Friday?",
        "Travel approval request", "Security training reminder", "Draft contract for review",
        "Marketing launch plan", "Quarterly OKRs", "Hiring panel feedback", "New office floor plan",
        "Server maintenance window", "Sales pipeline update", "Design review notes",
        "Action items from today's call", "Expense report", "Holiday schedule",
        "Vendor onboarding checklist", "Data migration status", "Board deck v3",
        "Réunion über Straße", "Café meeting – Q3 numbers", "Angebot für Müller GmbH",
        "Presupuesto año 2026", "Änderungen am Vertrag", "Équipe de Zürich : compte rendu",
        "Отчёт за квартал", "会議の議事録", "Smörgåsbord planning 🎉", "Façade renovation – Łódź office",
    ])

    /// Subjects of newsletters.
    static let newsletterSubjects: [[UInt8]] = bytes([
        "Contoso Weekly: 5 things you missed", "Tech Digest – AI, cloud and more",
        "Your January events", "Webinar: Zero trust in practice", "Product update: new features",
    ])

    /// Greeting words; the recipient's first name follows.
    static let greetings: [[UInt8]] = bytes(["Hi", "Hello", "Dear", "Hallo", "Bonjour", "Hola"])

    /// Closing lines before the signature.
    static let closings: [[UInt8]] = bytes(["Best regards,", "Thanks,", "Cheers,", "Kind regards,", "Viele Grüße,"])

    /// Paragraph openers; those starting with "From " exercise mboxrd escaping.
    static let openers: [[UInt8]] = bytes(["From what I can tell,", "From our side,", "As discussed,", "Quick update:"])

    /// Attachment file names with their kind; several are non-ASCII (RFC 2231 encoded).
    static let attachments: [(name: [UInt8], kind: DemoAttachmentKind)] = attachmentList.map { (Array($0.0.utf8), $0.1) }

    private static let attachmentList: [(String, DemoAttachmentKind)] = [
        ("Résumé.pdf", .pdf), ("Angebot_Müller.pdf", .pdf), ("Präsentation Q3.pdf", .pdf),
        ("report-2025.pdf", .pdf), ("Straßenplan.png", .png), ("logo.png", .png),
        ("screenshot 2026-01-04.png", .png), ("budget-2026.csv", .csv), ("Übersicht.csv", .csv),
        ("notes.txt", .text), ("Contrato_año_2026.pdf", .pdf), ("会議メモ.txt", .text),
    ]

    /// Precomputed header rendering of each subject (RFC 2047 when not ASCII).
    static let encodedSubjects: [[UInt8]] = subjects.map(headerText)
    /// Precomputed header rendering of each newsletter subject.
    static let encodedNewsletterSubjects: [[UInt8]] = newsletterSubjects.map(headerText)

    /// Renders UTF-8 text for an unstructured header field.
    static func headerText(_ utf8: [UInt8]) -> [UInt8] {
        DemoEncoding.isASCII(utf8) ? utf8 : DemoEncoding.encodedWordsB(utf8)
    }

    private static func bytes(_ text: String) -> [[UInt8]] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Array($0.utf8) }
    }

    private static func bytes(_ list: [String]) -> [[UInt8]] {
        list.map { Array($0.utf8) }
    }
}

/// The kind of payload an attachment carries.
enum DemoAttachmentKind: Sendable {
    case pdf
    case png
    case csv
    case text

    /// MIME type of the payload.
    var mimeType: String {
        switch self {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .csv: "text/csv"
        case .text: "text/plain"
        }
    }
}
