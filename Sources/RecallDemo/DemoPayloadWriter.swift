/// Produces small attachment payloads that look like their type from the first
/// bytes on (PDF header, PNG signature, CSV rows, text notes).
enum DemoPayloadWriter {
    private static let pdfHead: [UInt8] = Array("%PDF-1.4\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3]
        + Array("\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Length 3 0 R /Filter /FlateDecode >>\nstream\n".utf8)
    private static let pdfTail = Array("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".utf8)
    private static let pngHead: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x08, 0x06, 0x00, 0x00, 0x00, 0x52, 0xDC, 0x6C,
        0x07, 0x00, 0x00, 0x00, 0x00, 0x49, 0x44, 0x41, 0x54,
    ]
    private static let pngTail: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
    private static let csvHead = Array("Region,Quarter,Product,Units,Revenue\r\n".utf8)
    private static let regions: [[UInt8]] = ["North", "South", "East", "West", "Zürich", "São Paulo"].map { Array($0.utf8) }
    private static let products: [[UInt8]] = ["Widget", "Gadget", "Service plan", "Licence"].map { Array($0.utf8) }

    /// Replaces `out` with a payload of `kind` of roughly `size` bytes.
    static func write(kind: DemoAttachmentKind, size: Int, rng: inout SplitMix64, to out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        switch kind {
        case .pdf:
            out.append(contentsOf: pdfHead)
            appendNoise(count: max(0, size - pdfHead.count - pdfTail.count), rng: &rng, to: &out)
            out.append(contentsOf: pdfTail)
        case .png:
            out.append(contentsOf: pngHead)
            appendNoise(count: max(0, size - pngHead.count - pngTail.count), rng: &rng, to: &out)
            out.append(contentsOf: pngTail)
        case .csv:
            out.append(contentsOf: csvHead)
            while out.count < size {
                appendCSVRow(rng: &rng, to: &out)
            }
        case .text:
            while out.count < size {
                DemoTextWriter.appendParagraph(rng: &rng, international: true, to: &out)
            }
        }
    }

    private static func appendCSVRow(rng: inout SplitMix64, to out: inout [UInt8]) {
        out.append(contentsOf: regions[rng.below(regions.count)])
        out.append(0x2C)
        out.append(0x51)
        DemoDate.appendPadded(rng.between(1...4), width: 1, to: &out)
        out.append(0x2C)
        out.append(contentsOf: products[rng.below(products.count)])
        out.append(0x2C)
        DemoDate.appendPadded(rng.between(1...5000), width: 1, to: &out)
        out.append(0x2C)
        DemoDate.appendPadded(rng.between(100...999_999), width: 1, to: &out)
        out.append(0x2E)
        DemoDate.appendPadded(rng.below(100), width: 2, to: &out)
        out.append(0x0D)
        out.append(0x0A)
    }

    private static func appendNoise(count: Int, rng: inout SplitMix64, to out: inout [UInt8]) {
        var remaining = count
        while remaining > 0 {
            var word = rng.next()
            for _ in 0..<min(8, remaining) {
                out.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
            remaining -= 8
        }
    }
}
