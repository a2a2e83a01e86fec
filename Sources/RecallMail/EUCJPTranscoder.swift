import Foundation

/// Converts EUC-JP bytes to ISO-2022-JP so Foundation can decode them on platforms
/// (swift-corelibs-foundation) that lack an EUC-JP converter.
///
/// JIS X 0208 pairs map to `ESC $ B`, half-width katakana (`0x8E xx`) to `ESC ( I`;
/// JIS X 0212 characters (`0x8F xx xx`), which ISO-2022-JP cannot carry, become 〓.
enum EUCJPTranscoder {
    private static let toASCII: [UInt8] = [0x1B, 0x28, 0x42]
    private static let toJIS0208: [UInt8] = [0x1B, 0x24, 0x42]
    private static let toKana: [UInt8] = [0x1B, 0x28, 0x49]

    /// The ISO-2022-JP form of `bytes`, or nil if they are not valid EUC-JP.
    static func toISO2022JP(_ bytes: [UInt8]) -> [UInt8]? {
        enum Mode { case ascii, jis, kana }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var mode = Mode.ascii
        func switchTo(_ m: Mode) {
            guard m != mode else { return }
            switch m {
            case .ascii: out.append(contentsOf: toASCII)
            case .jis: out.append(contentsOf: toJIS0208)
            case .kana: out.append(contentsOf: toKana)
            }
            mode = m
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x1B { return nil }
                switchTo(.ascii)
                out.append(b)
                i += 1
            } else if b == 0x8E, i + 1 < bytes.count, (0xA1...0xDF).contains(bytes[i + 1]) {
                switchTo(.kana)
                out.append(bytes[i + 1] - 0x80)
                i += 2
            } else if b == 0x8F, i + 2 < bytes.count,
                      (0xA1...0xFE).contains(bytes[i + 1]), (0xA1...0xFE).contains(bytes[i + 2]) {
                switchTo(.jis)
                out.append(contentsOf: [0x22, 0x2E])
                i += 3
            } else if (0xA1...0xFE).contains(b), i + 1 < bytes.count, (0xA1...0xFE).contains(bytes[i + 1]) {
                switchTo(.jis)
                out.append(b - 0x80)
                out.append(bytes[i + 1] - 0x80)
                i += 2
            } else {
                return nil
            }
        }
        switchTo(.ascii)
        return out
    }
}
