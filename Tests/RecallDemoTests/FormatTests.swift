import Foundation
import Testing
@testable import RecallDemo

@Suite("Message format")
struct FormatTests {
    let org = DemoOrganization(seed: 1, scale: 400)
    var messages: [DemoMessage] { TestSupport.all(org, point: 3).map(\.message) }

    @Test("every message has CRLF lines, a header/body separator and the core headers")
    func wellFormed() {
        let all = messages
        #expect(all.count > 300)
        for message in all {
            let bytes = message.bytes
            #expect(TestSupport.headerEnd(bytes) != nil, "\(message.key) lacks a blank line")
            #expect(bytes.suffix(2) == [0x0D, 0x0A])
            var bareLF = false
            var bareCR = false
            for index in bytes.indices {
                if bytes[index] == 0x0A, index == 0 || bytes[index - 1] != 0x0D { bareLF = true }
                if bytes[index] == 0x0D, index + 1 == bytes.count || bytes[index + 1] != 0x0A { bareCR = true }
            }
            #expect(!bareLF && !bareCR, "\(message.key) has a bare line ending")
            let headerEnd = TestSupport.headerEnd(bytes) ?? 0
            #expect(bytes[0..<headerEnd].allSatisfy { $0 < 0x80 }, "\(message.key) has raw non-ASCII headers")
            let lines = TestSupport.headerText(bytes).components(separatedBy: "\r\n")
            #expect(lines.allSatisfy { $0.utf8.count <= 998 })
            for name in ["From", "To", "Subject", "Date", "MIME-Version", "Content-Type"] {
                #expect(TestSupport.header(name, in: bytes) != nil, "\(message.key) lacks \(name)")
            }
            if message.messageID.isEmpty {
                #expect(TestSupport.header("Message-ID", in: bytes) == nil)
            } else {
                #expect(TestSupport.header("Message-ID", in: bytes) == message.messageID)
            }
        }
    }

    @Test("sizes are mostly between 1 and 20 KB")
    func sizes() {
        let sizes = messages.map(\.bytes.count)
        let inRange = sizes.filter { $0 >= 1024 && $0 <= 20 * 1024 }.count
        #expect(Double(inRange) >= 0.8 * Double(sizes.count))
    }

    @Test("MIME variety: alternative, mixed, quoted-printable, 8bit, attachments with RFC 2231 names")
    func mimeVariety() {
        let all = messages.map(\.bytes)
        for marker in [
            "multipart/alternative", "multipart/mixed", "Content-Transfer-Encoding: quoted-printable",
            "Content-Transfer-Encoding: 8bit", "filename*=utf-8''", "text/html", "Cc: ", "In-Reply-To: ",
        ] {
            #expect(all.contains { TestSupport.contains($0, marker) }, "no message contains \(marker)")
        }
    }

    @Test("some subjects are RFC 2047 encoded non-ASCII text")
    func encodedSubjects() {
        let subjects = messages.compactMap { TestSupport.header("Subject", in: $0.bytes) }
        let decoded = subjects.filter { $0.contains("=?UTF-8?B?") }.map(TestSupport.decodeEncodedWords)
        #expect(!decoded.isEmpty)
        #expect(decoded.contains { $0.unicodeScalars.contains { !$0.isASCII } })
        #expect(decoded.contains { $0.contains("Réunion über Straße") })
    }

    @Test("attachments decode to payloads of their type")
    func attachmentsDecode() throws {
        var pdf = 0
        var png = 0
        for message in messages where TestSupport.contains(message.bytes, "multipart/mixed") {
            let text = String(decoding: message.bytes, as: UTF8.self)
            for part in text.components(separatedBy: "Content-Transfer-Encoding: base64\r\n\r\n").dropFirst() {
                let payload = part.components(separatedBy: "\r\n\r\n").first ?? ""
                let data = try #require(Data(base64Encoded: payload, options: .ignoreUnknownCharacters))
                if data.starts(with: Array("%PDF-".utf8)) { pdf += 1 }
                if data.starts(with: [0x89, 0x50, 0x4E, 0x47]) { png += 1 }
            }
        }
        #expect(pdf > 0 && png > 0)
    }

    @Test("multipart bodies close every boundary they open")
    func boundariesClose() {
        for message in messages {
            let text = String(decoding: message.bytes, as: UTF8.self)
            for line in text.components(separatedBy: "\r\n") where line.hasPrefix("\tboundary=\"") {
                let boundary = line.dropFirst(11).dropLast()
                #expect(text.contains("\r\n--\(boundary)\r\n"))
                #expect(text.contains("\r\n--\(boundary)--\r\n"))
            }
        }
    }

    @Test("some messages lack a Message-ID and some resends share one")
    func messageIDQuirks() {
        let located = TestSupport.all(org, point: 3)
        #expect(located.contains { $0.message.messageID.isEmpty })
        let grouped = Dictionary(grouping: located.filter { !$0.message.messageID.isEmpty }) { $0.message.messageID }
        let shared = grouped.values.filter { Set($0.map { "\($0.mailbox)/\($0.message.key)" }).count > 1 }
        let resends = shared.filter { group in group.contains { TestSupport.header("Resent-Date", in: $0.message.bytes) != nil } }
        #expect(!resends.isEmpty)
        for group in resends {
            #expect(Set(group.map(\.message.bytes)).count > 1, "a resend differs from its original")
        }
    }

    @Test("addresses are ASCII, some display names are not")
    func names() {
        let org = DemoOrganization(scale: 20_000)
        #expect(org.mailboxes.allSatisfy { $0.address.allSatisfy(\.isASCII) && $0.address.hasSuffix("@demo.onmicrosoft.com") })
        #expect(org.mailboxes.contains { $0.displayName == "Zoë Müller" })
        #expect(org.mailboxes.contains { $0.displayName == "José Núñez" })
        #expect(Set(org.mailboxes.map(\.address)).count == org.mailboxes.count)
        #expect(org.mailboxes.first?.address == "adele.vance@demo.onmicrosoft.com")
    }
}
