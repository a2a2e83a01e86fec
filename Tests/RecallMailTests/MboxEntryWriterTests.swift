import Foundation
import Testing
@testable import RecallMail

@Suite struct MboxEntryWriterTests {
    private func entry(_ text: String) -> String {
        String(decoding: MboxEntryWriter.entry(Array(text.utf8), date: "Mon Jan  5 10:00:00 2026"), as: UTF8.self)
    }

    @Test func quotesEveryFromLine_onceMore_andNothingElse() {
        let message = "From the first line\nSubject: x\n\n>From quoted\n>>From twice\nnot From here\nFromage\nFrom\n>From\nF\n>\nFrom end"
        #expect(entry(message) == "From MAILER-DAEMON Mon Jan  5 10:00:00 2026\n"
            + ">From the first line\nSubject: x\n\n>>From quoted\n>>>From twice\nnot From here\nFromage\nFrom\n>From\nF\n>\n>From end\n\n")
    }

    @Test func crlfLines_andAnEmptyMessage() {
        #expect(entry("A\r\nFrom b\r\n") == "From MAILER-DAEMON Mon Jan  5 10:00:00 2026\nA\r\n>From b\r\n\n")
        #expect(entry("") == "From MAILER-DAEMON Mon Jan  5 10:00:00 2026\n\n\n")
    }

    /// Messages made of lines that need quoting (and lines that look like it but do not) come back byte for byte
    /// through `MboxReader`.
    @Test func randomMessages_roundTripThroughTheReader() throws {
        let pieces = ["From x", ">From y", ">>From z", "From", "Fro", "F", "", ">", ">>", "text From here", "From  two", "FFrom a", ">F>From"]
        var generator = SystemRandomNumberGenerator()
        var messages: [[UInt8]] = []
        for _ in 0..<300 {
            let lines = (0..<Int.random(in: 1...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
            messages.append(Array(("Subject: s\n\n" + lines.joined(separator: "\n") + "\n").utf8))
        }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let mbox = messages.flatMap { MboxEntryWriter.entry($0, date: "Mon Jan  5 10:00:00 2026") }
        let reader = try MboxReader(url: try dir.write(mbox, to: "round.mbox"))
        var read: [[UInt8]] = []
        while let message = try reader.next() { read.append(message.bytes) }
        #expect(read == messages)
    }
}
