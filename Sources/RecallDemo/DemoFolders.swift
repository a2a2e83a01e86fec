/// The folder tree shared by every demo mailbox and the rules placing a message in it.
enum DemoFolders {
    /// All folder paths, parents before children.
    static let all: [[String]] = [
        ["Inbox"],
        ["Inbox", "Projects"],
        ["Inbox", "Projects", "Contoso"],
        ["Inbox", "Projects", "Fabrikam"],
        ["Inbox", "Newsletters"],
        ["Inbox", "Réunions"],
        ["Sent Items"],
        ["Deleted Items"],
        ["Archive"],
        ["Archive", "2024"],
        ["Archive", "2025"],
    ]

    static let inbox = 0
    static let newsletters = 4
    static let sentItems = 6
    static let deletedItems = 7
    static let archive = 8
    static let archive2024 = 9
    static let archive2025 = 10

    /// Cumulative placement weights over `all`; the Archive share is split by year.
    private static let cumulative: [(folder: Int, upTo: Double)] = [
        (0, 0.40), (1, 0.43), (2, 0.49), (3, 0.53), (4, 0.59), (5, 0.62),
        (6, 0.82), (7, 0.87), (8, 1.0),
    ]

    /// Share of a dominant mailbox's messages that land directly in its Inbox.
    static let dominantInboxShare = 0.92

    /// The index of `path` in `all`, if it is a demo folder.
    static func index(of path: [String]) -> Int? {
        all.firstIndex(of: path)
    }

    /// Picks the folder for a uniform `draw` in [0, 1); archived mail goes to the folder of its year.
    static func pick(draw: Double, dominant: Bool, date: Int64) -> Int {
        var value = draw
        if dominant {
            if value < dominantInboxShare { return inbox }
            value = (value - dominantInboxShare) / (1 - dominantInboxShare)
        }
        var folder = archive
        for entry in cumulative where value < entry.upTo {
            folder = entry.folder
            break
        }
        guard folder == archive else { return folder }
        switch DemoDate.year(date) {
        case 2024: return archive2024
        case 2025: return archive2025
        default: return archive
        }
    }

    /// Chooses who wrote a message in `folder`, given a uniform `draw` in [0, 1).
    static func role(folder: Int, draw: Double) -> DemoRole {
        switch folder {
        case sentItems: return .sent
        case newsletters: return .newsletter
        case deletedItems: return draw < 0.5 ? .newsletter : .received
        case archive, archive2024, archive2025: return draw < 0.25 ? .sent : .received
        default: return .received
        }
    }
}

/// Whether the mailbox owner sent a message, received it from a person, or got a newsletter.
enum DemoRole: Sendable {
    case received
    case sent
    case newsletter
}
