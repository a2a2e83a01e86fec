/// What a restore session explores: Exchange, OneDrive or SharePoint backups.
public enum SessionType: String, Sendable, CaseIterable {
    case vex
    case veod
    case vesp

    /// Reads `vex`/`veod`/`vesp` in any case.
    public init?(caseInsensitive text: String) {
        self.init(rawValue: text.lowercased())
    }
}
