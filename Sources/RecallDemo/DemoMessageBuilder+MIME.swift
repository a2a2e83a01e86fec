/// MIME body structures: a single text part, multipart/alternative and multipart/mixed.
extension DemoMessageBuilder {
    /// Appends the text/plain part made of the `text` scratch.
    func appendTextPart(to out: inout [UInt8]) {
        out.append(contentsOf: Header.textPlainUTF8)
        appendEncodedBody(text, to: &out)
    }

    /// Appends Content-Transfer-Encoding, the blank line and `body`: 7bit when ASCII,
    /// otherwise the message's `unicodeTransfer` (quoted-printable, 8bit or base64).
    func appendEncodedBody(_ body: [UInt8], to out: inout [UInt8]) {
        let transfer: TextTransfer = DemoEncoding.isASCII(body) ? .sevenBit : unicodeTransfer
        switch transfer {
        case .sevenBit, .eightBit:
            out.append(contentsOf: transfer == .sevenBit ? Header.sevenBit : Header.eightBit)
            out.append(contentsOf: Header.crlf)
            out.append(contentsOf: body)
        case .quotedPrintable:
            out.append(contentsOf: Header.quotedPrintable)
            out.append(contentsOf: Header.crlf)
            DemoEncoding.appendQuotedPrintable(body, to: &out)
        case .base64:
            out.append(contentsOf: Header.base64)
            out.append(contentsOf: Header.crlf)
            DemoEncoding.appendBase64(body, lineLength: 76, to: &out)
        }
    }

    /// Appends a multipart/alternative of the `text` scratch and its HTML rendering.
    mutating func appendAlternative(boundaryTag: UInt64, newsletter: Bool, to out: inout [UInt8]) {
        html.removeAll(keepingCapacity: true)
        DemoTextWriter.appendHTML(of: text, newsletter: newsletter, to: &html)
        out.append(contentsOf: Header.alternativeType)
        appendBoundary(Header.alternativePrefix, tag: boundaryTag, to: &out)
        out.append(contentsOf: Header.boundaryEnd)
        out.append(contentsOf: Header.crlf)
        appendDelimiter(Header.alternativePrefix, tag: boundaryTag, leadingBreak: false, to: &out)
        appendTextPart(to: &out)
        appendDelimiter(Header.alternativePrefix, tag: boundaryTag, leadingBreak: true, to: &out)
        out.append(contentsOf: Header.textHTMLUTF8)
        appendEncodedBody(html, to: &out)
        appendCloseDelimiter(Header.alternativePrefix, tag: boundaryTag, to: &out)
    }

    /// Appends a multipart/mixed: a text (or alternative) body and one or two base64 attachments.
    mutating func appendMixed(content: DemoContent, rng: inout SplitMix64, to out: inout [UInt8]) {
        let tag = content.seed
        let attachmentCount = rng.chance(0.3) ? 2 : 1
        let nested = rng.chance(0.3)
        out.append(contentsOf: Header.mixedType)
        appendBoundary(Header.mixedPrefix, tag: tag, to: &out)
        out.append(contentsOf: Header.boundaryEnd)
        out.append(contentsOf: Header.crlf)
        appendDelimiter(Header.mixedPrefix, tag: tag, leadingBreak: false, to: &out)
        if nested {
            appendAlternative(boundaryTag: tag, newsletter: false, to: &out)
        } else {
            appendTextPart(to: &out)
        }
        for _ in 0..<attachmentCount {
            appendDelimiter(Header.mixedPrefix, tag: tag, leadingBreak: true, to: &out)
            let index = rng.below(DemoVocabulary.attachments.count)
            out.append(contentsOf: Header.attachmentHeaders[index])
            let size = rng.chance(0.1) ? rng.between(6000...12000) : rng.between(500...6000)
            DemoPayloadWriter.write(kind: DemoVocabulary.attachments[index].kind, size: size, rng: &rng, to: &payload)
            DemoEncoding.appendBase64(payload, lineLength: 76, to: &out)
        }
        appendCloseDelimiter(Header.mixedPrefix, tag: tag, to: &out)
    }

    /// Appends an Outlook-style boundary such as `_000_DM6PR11MB4321A1B2C3D4E5F60718_`.
    private func appendBoundary(_ prefix: [UInt8], tag: UInt64, to out: inout [UInt8]) {
        let value = SplitMix64.finalize(tag ^ identitySalt ^ 0xB0)
        out.append(contentsOf: prefix)
        DemoEncoding.appendHex(value, digits: 16, to: &out)
        out.append(0x5F)
    }

    /// Appends `[CRLF]--boundary CRLF`.
    private func appendDelimiter(_ prefix: [UInt8], tag: UInt64, leadingBreak: Bool, to out: inout [UInt8]) {
        if leadingBreak {
            out.append(contentsOf: Header.crlf)
        }
        out.append(contentsOf: Header.dashes)
        appendBoundary(prefix, tag: tag, to: &out)
        out.append(contentsOf: Header.crlf)
    }

    /// Appends `CRLF--boundary-- CRLF`.
    private func appendCloseDelimiter(_ prefix: [UInt8], tag: UInt64, to out: inout [UInt8]) {
        out.append(contentsOf: Header.crlf)
        out.append(contentsOf: Header.dashes)
        appendBoundary(prefix, tag: tag, to: &out)
        out.append(contentsOf: Header.dashes)
        out.append(contentsOf: Header.crlf)
    }
}
