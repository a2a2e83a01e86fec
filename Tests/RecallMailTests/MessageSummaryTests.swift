import Foundation
import Testing
@testable import RecallMail

@Suite struct MessageSummaryTests {
    private func summary(_ s: String) -> MessageSummary {
        MessageSummary.parse(Array(s.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }

    @Test func basicFields() {
        let s = summary("""
        Received: from mx2.example.net by mx1.example.com; Mon, 1 Jan 2024 12:00:05 +0000
        Received: from client by mx2.example.net; Mon, 1 Jan 2024 11:59:00 +0000
        From: =?utf-8?q?Alice_Exampl=C3=A9?= <alice@example.com>
        To: Bob <bob@example.com>, "Doe, Jane" <jane@example.com>
        To: carol@example.com
        Cc: undisclosed-recipients:;
        Cc: Dave (work) <dave@example.com>
        Subject: =?UTF-8?B?SGVsbG8g?=
         =?UTF-8?B?V29ybGQ=?=
        Date: Mon, 1 Jan 2024 13:00:00 +0100
        Message-ID:   <abc.123@example.com>
        Content-Type: TEXT/HTML; charset=utf-8

        <p>Hi</p>
        """)
        #expect(s.subject == "Hello World")
        #expect(s.from == "Alice Examplé <alice@example.com>")
        #expect(s.fromAddress == "alice@example.com")
        #expect(s.to == ["Bob <bob@example.com>", "Doe, Jane <jane@example.com>", "carol@example.com"])
        #expect(s.cc == ["Dave <dave@example.com>"])
        #expect(s.sentDate == Date(timeIntervalSince1970: 1_704_110_400))
        #expect(s.receivedDate == Date(timeIntervalSince1970: 1_704_110_405))
        #expect(s.messageID == "abc.123@example.com")
        #expect(s.contentType == "text/html")
        #expect(!s.hasAttachments)
        #expect(s.attachmentNames.isEmpty)
        #expect(s.warnings.isEmpty)
    }

    @Test func missingMessageIDAndDefaults() {
        let s = summary("Subject: x\n\nbody")
        #expect(s.messageID == nil)
        #expect(s.contentType == "text/plain")
        #expect(s.from == nil)
        #expect(s.fromAddress == nil)
        #expect(s.sentDate == nil)
        #expect(s.warnings == ["missing Message-ID"])
        let blank = summary("Message-ID: <>\nDate: yesterday\n\n")
        #expect(blank.messageID == nil)
        #expect(blank.warnings == ["unparsable Date header", "missing Message-ID"])
    }

    @Test func invalidUTF8InSubject() {
        let bytes = Array("Message-ID: <a@b>\nSubject: Caf".utf8) + [0xE9, 0x20, 0xFF] + Array("\n\nbody\n".utf8)
        let s = MessageSummary.parse(bytes)
        #expect(s.subject == "Café ÿ")
        #expect(s.warnings == ["header contains invalid UTF-8, decoded as ISO-8859-1"])
    }

    @Test func rawUTF8Headers() {
        let s = summary("From: Jörg <jörg@exämple.de>\nSubject: Grüße 日本\nMessage-ID: <x@y>\n\n")
        #expect(s.subject == "Grüße 日本")
        #expect(s.from == "Jörg <jörg@exämple.de>")
        #expect(s.warnings.isEmpty)
    }

    @Test func undecodableEncodedWord() {
        let s = summary("Message-ID: <x@y>\nSubject: =?utf-8?Z?abc?=\n\n")
        #expect(s.subject == "=?utf-8?Z?abc?=")
        #expect(s.warnings == ["undecodable encoded word"])
    }

    @Test func noSeparator() {
        let s = MessageSummary.parse(Array("Message-ID: <x@y>\nSubject: a".utf8))
        #expect(s.subject == "a")
        #expect(s.warnings == ["no header/body separator"])
    }

    @Test func multipartMixedWithNestedAlternative() {
        let s = summary("""
        Message-ID: <m@x>
        Content-Type: multipart/mixed; boundary="outer"

        preamble
        --outer
        Content-Type: multipart/alternative; boundary="inner"

        --inner
        Content-Type: text/plain

        plain text, with a fake boundary line:
        --outerfake
        --inner
        Content-Type: text/html

        <p>html</p>
        --inner--
        --outer
        Content-Type: application/pdf; name="report.pdf"
        Content-Disposition: attachment;
         filename*0*=utf-8''%E2%82%AC%20Q1;
         filename*1=" report.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK
        --outer
        Content-Type: image/png; name="logo.png"
        Content-Disposition: inline

        iVBORw0KGgo=
        --outer
        Content-Type: text/plain; name="notes.txt"
        Content-Disposition: inline

        inline text with a name is not an attachment
        --outer
        Content-Type: text/plain
        Content-Disposition: attachment

        unnamed attachment
        --outer--
        epilogue
        """)
        #expect(s.contentType == "multipart/mixed")
        #expect(s.hasAttachments)
        #expect(s.attachmentNames == ["€ Q1 report.pdf", "logo.png"])
        #expect(s.warnings.isEmpty)
    }

    @Test func alternativeOnlyHasNoAttachments() {
        let s = summary("""
        Message-ID: <m@x>
        Content-Type: multipart/alternative; boundary=b

        --b
        Content-Type: text/plain

        a
        --b
        Content-Type: text/html

        <b>a</b>
        --b--
        """)
        #expect(!s.hasAttachments)
        #expect(s.attachmentNames.isEmpty)
        #expect(s.contentType == "multipart/alternative")
    }

    @Test func singlePartAttachmentAndMissingBoundary() {
        let pdf = summary("Message-ID: <m@x>\nContent-Type: application/pdf; name=\"=?utf-8?q?r=C3=A9sum=C3=A9.pdf?=\"\n\nJVBE")
        #expect(pdf.hasAttachments)
        #expect(pdf.attachmentNames == ["résumé.pdf"])
        let broken = summary("Message-ID: <m@x>\nContent-Type: multipart/mixed\n\nbody")
        #expect(!broken.hasAttachments)
        #expect(broken.warnings == ["multipart without boundary"])
        let bogusType = summary("Message-ID: <m@x>\nContent-Type: garbage\n\nbody")
        #expect(bogusType.contentType == "text/plain")
    }

    @Test func truncatedMultipartStillFindsAttachment() {
        let s = summary("""
        Message-ID: <m@x>
        Content-Type: multipart/mixed; boundary=zz

        --zz
        Content-Type: text/plain

        hi
        --zz
        Content-Disposition: attachment; filename=cut.zip
        Content-Type: application/zip

        UEsDBBQAAAAI
        """)
        #expect(s.attachmentNames == ["cut.zip"])
    }

    @Test func deepNestingIsBounded() {
        var message = "Message-ID: <m@x>\n"
        for level in 0..<40 {
            message += "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n"
        }
        message += "Content-Type: application/octet-stream; name=deep.bin\n\nxx\n"
        let s = summary(message)
        #expect(!s.hasAttachments)
        #expect(s.warnings == ["MIME nesting too deep"])
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix64(state: 7)
        let alphabet = Array("From: <>\"(),;:=?QB\r\n \t--boundary=Content-Type: multipart/mixed; =?utf-8?b?".utf8)
        for round in 0..<300 {
            let count = Int.random(in: 0..<2_000, using: &rng)
            let bytes: [UInt8] = (0..<count).map { _ in
                round % 2 == 0 ? UInt8.random(in: 0...255, using: &rng)
                    : alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
            }
            let s = MessageSummary.parse(bytes)
            #expect(!s.contentType.isEmpty)
        }
    }
}
