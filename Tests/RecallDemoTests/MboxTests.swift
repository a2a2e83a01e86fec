import Foundation
import Testing
@testable import RecallDemo

@Suite("mbox export")
struct MboxTests {
    private func temporaryURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("recall-demo-\(UUID().uuidString).mbox")
    }

    /// Splits bytes into lines on LF (a CR before the LF stays in the line).
    private func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    }

    /// Splits an mboxrd file back into messages: drops separators, the trailing LF and one `>` of escaped lines.
    private func split(_ data: Data) -> [[UInt8]] {
        let separator = Array("From ".utf8)
        var messages: [[UInt8]] = []
        var current: [ArraySlice<UInt8>] = []
        func finish() {
            guard !current.isEmpty else { return }
            if current.last?.isEmpty == true { current.removeLast() }  // the blank line after each message
            var bytes: [UInt8] = []
            for line in current {
                let quotes = line.prefix { $0 == 0x3E }.count
                let unescaped = quotes > 0 && line.dropFirst(quotes).starts(with: separator) ? line.dropFirst() : line
                bytes += unescaped
                bytes.append(0x0A)
            }
            messages.append(bytes)
            current = []
        }
        var all = lines(Array(data))
        if all.last?.isEmpty == true { all.removeLast() }  // after the final LF
        #expect(all.first?.starts(with: Array("From MAILER-DAEMON ".utf8)) == true)
        for line in all {
            if line.starts(with: separator) {
                finish()
            } else {
                current.append(line)
            }
        }
        finish()
        return messages
    }

    @Test("writeMbox output splits back into the same messages", arguments: [nil, ["Inbox"]] as [[String]?])
    func roundTrip(folder: [String]?) throws {
        let org = DemoOrganization(seed: 2, scale: 400)
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try org.writeMbox(mailbox: 0, restorePoint: 3, folder: folder, to: url)
        let data = try Data(contentsOf: url)
        let expected = Array(org.messages(mailbox: 0, restorePoint: 3, folder: folder))
        let parts = split(data)
        #expect(parts.count == expected.count)
        #expect(parts.count == org.messageCount(mailbox: 0, restorePoint: 3, folder: folder))
        let mismatched = zip(parts, expected).filter { $0.0 != $0.1.bytes }.map(\.1.key)
        #expect(mismatched.isEmpty, "messages differing after the round trip: \(mismatched)")
    }

    @Test("From lines in bodies are escaped")
    func escaping() throws {
        let org = DemoOrganization(seed: 2, scale: 400)
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try org.writeMbox(mailbox: 1, restorePoint: 3, folder: nil, to: url)
        let all = lines(Array(try Data(contentsOf: url)))
        let fromLines = all.filter { $0.starts(with: Array("From ".utf8)) }
        #expect(!fromLines.isEmpty)
        #expect(fromLines.allSatisfy { $0.starts(with: Array("From MAILER-DAEMON ".utf8)) })
        #expect(all.contains { $0.starts(with: Array(">From ".utf8)) })
    }

    @Test("mboxrd escaping adds one > to ^>*From lines only")
    func escapeRule() {
        var out: [UInt8] = []
        DemoMboxWriter.appendEscaped(Array("From a\r\n>From b\r\nFromage\r\n From c\r\n>>From d".utf8), to: &out)
        #expect(String(decoding: out, as: UTF8.self) == ">From a\r\n>>From b\r\nFromage\r\n From c\r\n>>>From d")
    }

    @Test("invalid arguments throw")
    func invalidArguments() {
        let org = DemoOrganization(scale: 20)
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: DemoError.invalidMailbox(9)) { try org.writeMbox(mailbox: 9, restorePoint: 0, folder: nil, to: url) }
        #expect(throws: DemoError.invalidRestorePoint(7)) { try org.writeMbox(mailbox: 0, restorePoint: 7, folder: nil, to: url) }
        #expect(throws: DemoError.unknownFolder(["Nope"])) { try org.writeMbox(mailbox: 0, restorePoint: 0, folder: ["Nope"], to: url) }
    }
}
