import Foundation

/// One message file in a Maildir folder.
public struct MaildirEntry: Sendable, Equatable {
    /// Path relative to the folder directory, e.g. `cur/1700000000.M1P2.host:2,S`.
    public var relativePath: String
    /// File name without the info suffix (the part before `:2,`).
    public var uniqueName: String
    /// Flags from the info suffix.
    public var flags: MaildirFlags
    /// Absolute file URL.
    public var url: URL
    /// True when the file is in `new/` (not yet seen by a mail client).
    public var isNew: Bool

    /// Builds an entry from a file name found in `cur/` or `new/` of `folderURL`.
    public init(fileName: String, subdirectory: String, folderURL: URL) {
        relativePath = subdirectory + "/" + fileName
        url = folderURL.appendingPathComponent(subdirectory, isDirectory: true)
            .appendingPathComponent(fileName, isDirectory: false)
        isNew = subdirectory == "new"
        let parsed = Self.split(fileName)
        uniqueName = parsed.unique
        flags = MaildirFlags(info: parsed.info)
    }

    /// Splits `unique:2,FLAGS` (also `!2,` / `;2,` used on file systems without `:`).
    static func split(_ name: String) -> (unique: String, info: String) {
        for marker in [":2,", "!2,", ";2,"] {
            if let r = name.range(of: marker, options: .backwards) {
                return (String(name[..<r.lowerBound]), String(name[r.upperBound...]))
            }
        }
        if let r = name.range(of: ":1,", options: .backwards) { return (String(name[..<r.lowerBound]), "") }
        return (name, "")
    }
}
