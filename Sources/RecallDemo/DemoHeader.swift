/// Header names and fixed header lines as bytes, so messages are assembled by copying.
enum DemoHeader {
    static let crlf: [UInt8] = [0x0D, 0x0A]
    static let resentDate = bytes("Resent-Date: ")
    static let resentFrom = bytes("Resent-From: ")
    static let resentMessageID = bytes("Resent-Message-ID: ")
    static let received = bytes("Received: from ")
    static let receivedVia = bytes(".namprd12.prod.outlook.com (2603:10b6:208:2d1::9) by\r\n ")
    static let receivedWith = bytes(".namprd12.prod.outlook.com with HTTPS; ")
    static let from = bytes("From: ")
    static let to = bytes("To: ")
    static let cc = bytes("Cc: ")
    static let listFold = bytes(",\r\n ")
    static let subject = bytes("Subject: ")
    static let reply = bytes("RE: ")
    static let forward = bytes("FW: ")
    static let date = bytes("Date: ")
    static let messageID = bytes("Message-ID: ")
    static let inReplyTo = bytes("In-Reply-To: ")
    static let references = bytes("References: ")
    static let keywordsLine = bytes("Keywords: Follow-up\r\n")
    static let languageLine = bytes("Content-Language: en-US\r\n")
    static let hasAttachmentLine = bytes("X-MS-Has-Attach: yes\r\n")
    static let noAttachmentLine = bytes("X-MS-Has-Attach:\r\n")
    static let mimeVersionLine = bytes("MIME-Version: 1.0\r\n")
    static let outlookDomain = bytes(".namprd12.prod.outlook.com")
    static let mailPrefix = bytes("@mail.")
    static let hostPrefixes: [[UInt8]] = ["DM6PR", "BN8PR", "SA1PR", "CH3PR"].map(bytes)

    static let textPlainUTF8 = bytes("Content-Type: text/plain; charset=\"utf-8\"\r\n")
    static let textHTMLUTF8 = bytes("Content-Type: text/html; charset=\"utf-8\"\r\n")
    static let sevenBit = bytes("Content-Transfer-Encoding: 7bit\r\n")
    static let eightBit = bytes("Content-Transfer-Encoding: 8bit\r\n")
    static let quotedPrintable = bytes("Content-Transfer-Encoding: quoted-printable\r\n")
    static let base64 = bytes("Content-Transfer-Encoding: base64\r\n")
    static let alternativeType = bytes("Content-Type: multipart/alternative;\r\n\tboundary=\"")
    static let mixedType = bytes("Content-Type: multipart/mixed;\r\n\tboundary=\"")
    static let boundaryEnd = bytes("\"\r\n")
    static let dashes = bytes("--")
    static let alternativePrefix = bytes("_000_")
    static let mixedPrefix = bytes("_004_")

    /// The part header lines of each attachment in `DemoVocabulary.attachments`,
    /// up to and including `Content-Transfer-Encoding` and the blank line.
    static let attachmentHeaders: [[UInt8]] = DemoVocabulary.attachments.map { entry in
        let ascii = DemoEncoding.isASCII(entry.name)
        var out = bytes("Content-Type: \(entry.kind.mimeType); name=\"")
        out += ascii ? entry.name : DemoEncoding.encodedWordsB(entry.name)
        out += bytes("\"\r\nContent-Description: ")
        out += DemoVocabulary.headerText(entry.name)
        out += bytes("\r\nContent-Disposition: attachment;\r\n\t")
        if ascii {
            out += bytes("filename=\"") + entry.name + bytes("\"\r\n")
        } else {
            out += bytes("filename*=utf-8''") + DemoEncoding.percentEncoded(entry.name) + crlf
        }
        return out + base64 + crlf
    }

    private static func bytes(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }
}
