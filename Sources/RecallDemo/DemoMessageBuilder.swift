/// Renders a `DemoContent` into RFC 5322 / MIME bytes with CRLF line endings.
///
/// Holds scratch buffers reused from one message to the next, so an iterator
/// keeps one builder and allocates little beyond each message's own bytes.
struct DemoMessageBuilder {
    typealias Header = DemoHeader

    /// Scratch: the plain-text body.
    var text: [UInt8] = []
    /// Scratch: the HTML body.
    var html: [UInt8] = []
    /// Scratch: an attachment payload.
    var payload: [UInt8] = []
    /// Salt making Message-IDs depend on the organization seed.
    let identitySalt: UInt64
    /// How the current message encodes non-ASCII text parts.
    var unicodeTransfer: TextTransfer = .quotedPrintable

    /// Creates a builder for the organization seeded with `seed`.
    init(seed: UInt64) {
        identitySalt = SplitMix64.hash(seed, .identity)
    }

    /// Content-Transfer-Encoding of a text part.
    enum TextTransfer {
        case sevenBit
        case eightBit
        case quotedPrintable
        case base64
    }

    /// The shape of a message body.
    enum BodyKind {
        case plain
        case alternative
        case mixed
    }

    /// Builds the message; returns its bytes and its Message-ID (empty when absent).
    mutating func build(_ content: DemoContent) -> (bytes: [UInt8], messageID: String) {
        var rng = SplitMix64(seed: content.seed)
        let people = DemoPeople.staff
        let owner = people[content.owner % people.count]
        let (from, to, cc) = pickCorrespondents(content, owner: owner, rng: &rng)

        let newsletter = content.role == .newsletter
        let subjectIndex = rng.below(newsletter ? DemoVocabulary.newsletterSubjects.count : DemoVocabulary.subjects.count)
        let prefixDraw = newsletter ? 1 : rng.unit()
        let kindDraw = rng.unit()
        let kind: BodyKind = newsletter ? .alternative : kindDraw < 0.45 ? .plain : kindDraw < 0.70 ? .alternative : kindDraw < 0.85 ? .mixed : .plain
        let international = rng.chance(0.15) || kindDraw >= 0.85
        let transferDraw = rng.unit()
        unicodeTransfer = transferDraw < 0.55 ? .quotedPrintable : transferDraw < 0.9 ? .eightBit : .base64
        let sizeDraw = rng.unit()
        let target = newsletter ? rng.between(3000...8000)
            : sizeDraw < 0.7 ? rng.between(300...2500) : sizeDraw < 0.95 ? rng.between(2500...9000) : rng.between(9000...16000)

        text.removeAll(keepingCapacity: true)
        DemoTextWriter.appendLetter(
            rng: &rng, greetingName: to.first?.firstName ?? owner.firstName, signer: from, targetBytes: target,
            international: international, updatedLine: content.edited && content.editKind == 1, to: &text
        )

        var out: [UInt8] = []
        out.reserveCapacity(target * 2 + 2048 + (kind == .mixed ? 16384 : 0))
        if let resend = content.resend {
            out.append(contentsOf: Header.resentDate)
            DemoDate.appendRFC5322(resend.date, offsetMinutes: owner.offsetMinutes, to: &out)
            out.append(contentsOf: Header.crlf)
            out.append(contentsOf: Header.resentFrom)
            out.append(contentsOf: owner.mailbox)
            out.append(contentsOf: Header.crlf)
            out.append(contentsOf: Header.resentMessageID)
            appendMessageID(resend.identity, sender: owner, to: &out)
            out.append(contentsOf: Header.crlf)
        }
        if content.role != .sent {
            appendReceived(content, rng: &rng, to: &out)
        }
        out.append(contentsOf: Header.from)
        out.append(contentsOf: from.mailbox)
        out.append(contentsOf: Header.crlf)
        appendAddressList(Header.to, to, to: &out)
        if !cc.isEmpty {
            appendAddressList(Header.cc, cc, to: &out)
        }
        out.append(contentsOf: Header.subject)
        if prefixDraw < 0.22 {
            out.append(contentsOf: Header.reply)
        } else if prefixDraw < 0.30 {
            out.append(contentsOf: Header.forward)
        }
        out.append(contentsOf: newsletter
            ? DemoVocabulary.encodedNewsletterSubjects[subjectIndex] : DemoVocabulary.encodedSubjects[subjectIndex])
        out.append(contentsOf: Header.crlf)
        out.append(contentsOf: Header.date)
        DemoDate.appendRFC5322(content.date, offsetMinutes: from.offsetMinutes, to: &out)
        out.append(contentsOf: Header.crlf)
        var messageID = ""
        if let identity = content.identity {
            out.append(contentsOf: Header.messageID)
            let start = out.count
            appendMessageID(identity, sender: from, to: &out)
            messageID = String(decoding: out[start...], as: UTF8.self)
            out.append(contentsOf: Header.crlf)
        }
        if prefixDraw < 0.22 {
            let parent = content.seed ^ 0x5245_504C_5900_0000
            let parentSender = to.first ?? owner
            out.append(contentsOf: Header.inReplyTo)
            appendMessageID(parent, sender: parentSender, to: &out)
            out.append(contentsOf: Header.crlf)
            out.append(contentsOf: Header.references)
            appendMessageID(parent, sender: parentSender, to: &out)
            out.append(contentsOf: Header.crlf)
        }
        if content.edited && content.editKind == 0 {
            out.append(contentsOf: Header.keywordsLine)
        }
        out.append(contentsOf: Header.languageLine)
        out.append(contentsOf: kind == .mixed ? Header.hasAttachmentLine : Header.noAttachmentLine)
        out.append(contentsOf: Header.mimeVersionLine)
        switch kind {
        case .plain:
            appendTextPart(to: &out)
        case .alternative:
            appendAlternative(boundaryTag: content.seed, newsletter: newsletter, to: &out)
        case .mixed:
            appendMixed(content: content, rng: &rng, to: &out)
        }
        return (out, messageID)
    }

    /// Chooses From, To and Cc for the owner's role.
    private func pickCorrespondents(
        _ content: DemoContent, owner: DemoPerson, rng: inout SplitMix64
    ) -> (DemoPerson, [DemoPerson], [DemoPerson]) {
        let people = DemoPeople.staff
        let ownerIndex = content.owner % people.count
        func colleague(_ rng: inout SplitMix64, after start: Int) -> DemoPerson {
            var index = (start + 1 + rng.below(people.count - 1)) % people.count
            if index == ownerIndex { index = (index + 1) % people.count }
            return people[index]
        }
        var from = owner
        var to: [DemoPerson] = []
        switch content.role {
        case .sent:
            if let counterpart = content.counterpart {
                to.append(people[counterpart % people.count])
            } else {
                for _ in 0..<rng.between(1...3) {
                    to.append(rng.chance(0.6)
                        ? colleague(&rng, after: ownerIndex)
                        : DemoPeople.external[rng.below(DemoPeople.external.count)])
                }
            }
        case .received:
            from = rng.chance(0.65)
                ? colleague(&rng, after: ownerIndex)
                : DemoPeople.external[rng.below(DemoPeople.external.count)]
            to.append(owner)
            for _ in 0..<rng.between(0...2) {
                to.append(colleague(&rng, after: ownerIndex))
            }
        case .newsletter:
            from = DemoPeople.newsletters[rng.below(DemoPeople.newsletters.count)]
            to.append(owner)
        }
        var cc: [DemoPerson] = []
        if content.role != .newsletter, rng.chance(0.25) {
            for _ in 0..<rng.between(1...2) {
                cc.append(colleague(&rng, after: ownerIndex))
            }
        }
        return (from, to, cc)
    }

    /// Appends one folded address list header such as `To: a <x>,\r\n b <y>\r\n`.
    private func appendAddressList(_ name: [UInt8], _ people: [DemoPerson], to out: inout [UInt8]) {
        out.append(contentsOf: name)
        for (position, person) in people.enumerated() {
            if position > 0 {
                out.append(contentsOf: Header.listFold)
            }
            out.append(contentsOf: person.mailbox)
        }
        out.append(contentsOf: Header.crlf)
    }

    /// Appends the Exchange-style Received trace header of a delivered message.
    private func appendReceived(_ content: DemoContent, rng: inout SplitMix64, to out: inout [UInt8]) {
        let host = SplitMix64.finalize(content.seed ^ identitySalt)
        out.append(contentsOf: Header.received)
        appendHost(host, to: &out)
        out.append(contentsOf: Header.receivedVia)
        appendHost(host >> 20, to: &out)
        out.append(contentsOf: Header.receivedWith)
        DemoDate.appendRFC5322(content.date + Int64(rng.between(3...59)), offsetMinutes: 0, to: &out)
        out.append(contentsOf: Header.crlf)
    }

    /// Appends `<…>` for a Message-ID number in the style of the sender's mail system.
    func appendMessageID(_ identity: UInt64, sender: DemoPerson, to out: inout [UInt8]) {
        let value = SplitMix64.finalize(identity ^ identitySalt)
        out.append(0x3C)
        if sender.isInternal {
            appendHost(value, to: &out)
            DemoEncoding.appendHex(value, digits: 16, to: &out)
            out.append(0x40)
            appendHost(value, to: &out)
            out.append(contentsOf: Header.outlookDomain)
        } else {
            DemoEncoding.appendHex(value, digits: 16, uppercase: false, to: &out)
            out.append(0x2E)
            DemoDate.appendPadded(Int(value >> 44), width: 1, to: &out)
            out.append(contentsOf: Header.mailPrefix)
            out.append(contentsOf: sender.domain)
        }
        out.append(0x3E)
    }

    /// Appends an Exchange Online server name such as `DM6PR11MB4321`.
    private func appendHost(_ bits: UInt64, to out: inout [UInt8]) {
        out.append(contentsOf: Header.hostPrefixes[Int(bits & 3)])
        DemoDate.appendPadded(Int(bits >> 2 & 0xF) + 10, width: 2, to: &out)
        out.append(0x4D)
        out.append(0x42)
        DemoDate.appendPadded(Int((bits >> 8) % 9000) + 1000, width: 4, to: &out)
    }
}
