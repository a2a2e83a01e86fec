import Foundation
import Testing
@testable import RecallMail

@Suite struct MboxReaderTests {
    private func readAll(_ bytes: [UInt8], chunkSize: Int = 1 << 20, maxMessageSize: Int = 256 << 20) throws -> [MboxMessage] {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let reader = try MboxReader(url: try dir.write(bytes, to: "test.mbox"), chunkSize: chunkSize,
                                    maxMessageSize: maxMessageSize)
        var out: [MboxMessage] = []
        while let m = try reader.next() { out.append(m) }
        #expect(reader.bytesRead == UInt64(bytes.count))
        return out
    }

    private func text(_ m: MboxMessage) -> String { String(decoding: m.bytes, as: UTF8.self) }

    @Test func mboxrdUnescapingAndEnvelope() throws {
        let mbox = """
        From alice@example.com Mon Jan  1 12:00:00 2024
        Subject: one

        Hello
        >From the start
        >>From nested
        >Fromage is not escaped

        From bob@example.com Tue Jan  2 13:30:05 2024
        Subject: two

        Bye

        """
        let messages = try readAll(Array(mbox.utf8))
        #expect(messages.count == 2)
        #expect(text(messages[0]) == "Subject: one\n\nHello\nFrom the start\n>From nested\n>Fromage is not escaped\n")
        #expect(text(messages[1]) == "Subject: two\n\nBye\n")
        #expect(messages[0].envelopeSender == "alice@example.com")
        #expect(messages[0].envelopeDate == Date(timeIntervalSince1970: 1_704_110_400))
        #expect(messages[1].envelopeSender == "bob@example.com")
        #expect(messages[1].envelopeDate == Date(timeIntervalSince1970: 1_704_202_205))
        #expect(messages[0].offset == 0)
        let secondOffset = mbox.utf8.count - "From bob@example.com Tue Jan  2 13:30:05 2024\nSubject: two\n\nBye\n".utf8.count
        #expect(messages[1].offset == UInt64(secondOffset))
    }

    @Test func unescapedFromAfterNonBlankLineDoesNotSplit() throws {
        let mbox = "From a@x Mon Jan  1 12:00:00 2024\nSubject: x\n\nLine\nFrom here on we go\nend\n"
        let messages = try readAll(Array(mbox.utf8))
        #expect(messages.count == 1)
        #expect(text(messages[0]) == "Subject: x\n\nLine\nFrom here on we go\nend\n")
    }

    @Test func asctimeFromLineWithoutBlankLineSplits() throws {
        let mbox = "From a@x Mon Jan  1 12:00:00 2024\nSubject: 1\n\nbody\nFrom b@y Sat Feb  3 08:00:00 2024\nSubject: 2\n\nx\n"
        let messages = try readAll(Array(mbox.utf8))
        #expect(messages.map(text) == ["Subject: 1\n\nbody\n", "Subject: 2\n\nx\n"])
        #expect(messages[1].envelopeSender == "b@y")
    }

    @Test func crlfMbox() throws {
        let mbox = "From a@x Mon Jan  1 12:00:00 2024\r\nSubject: a\r\n\r\nBody\r\n>From x\r\n\r\n"
            + "From b@x Tue Jan  2 13:30:05 2024\r\nSubject: b\r\n\r\nB2\r\n"
        let messages = try readAll(Array(mbox.utf8))
        #expect(messages.count == 2)
        #expect(text(messages[0]) == "Subject: a\r\n\r\nBody\r\nFrom x\r\n")
        #expect(text(messages[1]) == "Subject: b\r\n\r\nB2\r\n")
        #expect(messages[1].envelopeSender == "b@x")
        #expect(messages[1].offset == 66)
    }

    @Test func truncatedLastMessageIsYielded() throws {
        let mbox = "From a@x Mon Jan  1 12:00:00 2024\nSubject: a\n\nA\n\nFrom b@x Mon Jan  1 12:00:00 2024\nSubject: b\n\nPartial li"
        let messages = try readAll(Array(mbox.utf8))
        #expect(messages.map(text) == ["Subject: a\n\nA\n", "Subject: b\n\nPartial li"])
    }

    @Test func emptyAndBlankFilesHaveNoMessages() throws {
        #expect(try readAll([]).isEmpty)
        #expect(try readAll(Array("\n\r\n".utf8)).isEmpty)
    }

    @Test func nonMboxThrows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("Subject: not an mbox\n\nhello\n", to: "x.eml")
        #expect(throws: MailParseError.notAnMbox(path: url.path)) { try MboxReader(url: url) }
        let short = try dir.write("Fro", to: "short")
        #expect(throws: MailParseError.notAnMbox(path: short.path)) { try MboxReader(url: short) }
    }

    @Test func missingFileThrowsUnreadable() throws {
        let url = URL(fileURLWithPath: "/nonexistent/recall/\(UUID().uuidString).mbox")
        #expect(throws: MailParseError.self) { try MboxReader(url: url) }
    }

    @Test func garbageEnvelopeLineDoesNotCrash() throws {
        let mbox: [UInt8] = Array("From ".utf8) + [0xFF, 0x00, 0xFE] + Array(" nonsense\n\u{0}\u{1}body\n".utf8)
        let messages = try readAll(mbox)
        #expect(messages.count == 1)
        #expect(messages[0].envelopeSender == "\u{FF}\u{0}\u{FE}")
        #expect(messages[0].envelopeDate == nil)
        #expect(messages[0].bytes == [0, 1] + Array("body\n".utf8))
    }

    @Test func separatorOnlyMessage() throws {
        let messages = try readAll(Array("From a@x Mon Jan  1 12:00:00 2024".utf8))
        #expect(messages.count == 1)
        #expect(messages[0].bytes.isEmpty)
        #expect(messages[0].envelopeSender == "a@x")
    }

    @Test func smallChunksGiveSameResultAsLargeChunks() throws {
        var mbox = ""
        for i in 0..<400 {
            mbox += "From user\(i)@example.com Wed Mar \(i % 28 + 1) 10:11:12 2023\n"
            mbox += "Subject: message \(i)\n\n" + String(repeating: "line of body text \(i)\n", count: i % 7)
            mbox += i % 3 == 0 ? ">From quoted\n" : "\n"
            mbox += "\n"
        }
        let small = try readAll(Array(mbox.utf8), chunkSize: 4096)
        let large = try readAll(Array(mbox.utf8))
        #expect(small.count == 400)
        #expect(small == large)
        #expect(text(small[3]).hasSuffix("line of body text 3\nline of body text 3\nline of body text 3\nFrom quoted\n"))
    }

    @Test func overlongLinesAreProcessedInPieces() throws {
        let long = String(repeating: "x", count: 20_000)
        let mbox = "From a@x Mon Jan  1 12:00:00 2024 \(long)\nSubject: a\n\n>From \(long)\n\(long)"
            + "\n\nFrom b@y Mon Jan  1 12:00:00 2024\nSubject: b\n\n\(long)\n"
        let messages = try readAll(Array(mbox.utf8), chunkSize: 4096)
        #expect(messages.map(text) == ["Subject: a\n\nFrom \(long)\n\(long)\n", "Subject: b\n\n\(long)\n"])
        #expect(messages.map(\.envelopeSender) == ["a@x", "b@y"])
        #expect(messages[1].offset == UInt64(mbox.utf8.count - 20_000 - 1 - "From b@y Mon Jan  1 12:00:00 2024\nSubject: b\n\n".utf8.count))
    }

    @Test func oversizedMessageIsTruncated() throws {
        let mbox = "From a@x Mon Jan  1 12:00:00 2024\nSubject: a\n\n0123456789\n0123456789\n\n"
            + "From b@y Mon Jan  1 12:00:00 2024\nSubject: b\n\nok\n"
        let messages = try readAll(Array(mbox.utf8), maxMessageSize: 20)
        #expect(messages.map(text) == ["Subject: a\n\n01234567", "Subject: b\n\nok\n"])
        #expect(messages.map(\.isTruncated) == [true, false])
    }

    @Test func streamsLargeMessage() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.url.appendingPathComponent("big.mbox")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        let line = Array(String(repeating: "A", count: 75).utf8) + [0x0A]
        let block = Array([[UInt8]](repeating: line, count: 13_981).joined())  // ~1 MB
        var written: UInt64 = 0
        func put(_ bytes: [UInt8]) throws {
            try handle.write(contentsOf: bytes)
            written += UInt64(bytes.count)
        }
        let header = Array("From big@example.com Mon Jan  1 12:00:00 2024\nSubject: big\n\n".utf8)
        try put(header)
        for _ in 0..<50 { try put(block) }
        try put([0x0A])
        for i in 0..<10 {
            try put(Array("From small\(i)@example.com Mon Jan  1 12:00:00 2024\nSubject: s\n\n".utf8))
            try put(block)
            try put([0x0A])
        }
        try handle.close()

        let reader = try MboxReader(url: url)
        var sizes: [Int] = []
        var senders: [String?] = []
        while let m = try reader.next() {
            sizes.append(m.bytes.count)
            senders.append(m.envelopeSender)
            if sizes.count == 1 {
                #expect(m.bytes.prefix(14) == ArraySlice(Array("Subject: big\n\n".utf8)))
                #expect(m.bytes.last == 0x0A)
            }
        }
        let headerBody = "Subject: big\n\n".utf8.count
        #expect(sizes.count == 11)
        #expect(sizes.first == headerBody + 50 * block.count)
        #expect(sizes.dropFirst().allSatisfy { $0 == "Subject: s\n\n".utf8.count + block.count })
        #expect(senders.last == "small9@example.com")
        #expect(reader.bytesRead == written)
        #expect(reader.totalBytes == written)
    }
}
