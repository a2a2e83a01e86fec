import Foundation

/// Converts between folder paths (`["Sub", "Child"]`) and Maildir++ directory names (`.Sub.Child`).
///
/// Each component is IMAP modified UTF-7 encoded (`é` → `&AOk-`, `&` → `&-`). Because `.`
/// is the Maildir++ hierarchy separator and `/` is the file-system one, those characters
/// inside a component are also base64-encoded (`.` → `&AC4-`, `/` → `&AC8-`); `decode`
/// reverses this. The root folder `[]` is the empty string (the Maildir itself).
public enum MaildirFolderName {
    private static let reserved: Set<Character> = [".", "/"]

    /// `["Sub", "Child"]` → `.Sub.Child`; `[]` → `""`.
    public static func encode(_ path: [String]) -> String {
        path.map { "." + ModifiedUTF7.encode($0, alsoEncode: reserved) }.joined()
    }

    /// `.Sub.Child` → `["Sub", "Child"]`; the leading dot is optional.
    public static func decode(_ name: String) -> [String] {
        let body = name.hasPrefix(".") ? name.dropFirst() : Substring(name)
        return body.split(separator: ".", omittingEmptySubsequences: true).map { ModifiedUTF7.decode(String($0)) }
    }
}
