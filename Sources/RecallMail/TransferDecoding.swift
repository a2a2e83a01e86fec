import Foundation

/// Lenient decoders for base64, RFC 2047 "Q" text and RFC 2231 percent-encoding.
enum TransferDecoding {
    /// Base64 decoding that skips invalid characters and tolerates missing padding.
    static func base64(_ input: some Sequence<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var acc: UInt32 = 0
        var bits = 0
        for c in input {
            let v: UInt32
            switch c {
            case 0x41...0x5A: v = UInt32(c - 0x41)
            case 0x61...0x7A: v = UInt32(c - 0x61 + 26)
            case 0x30...0x39: v = UInt32(c - 0x30 + 52)
            case 0x2B, 0x2D: v = 62  // '+' (and '-' from URL-safe encoders)
            case 0x2F, 0x5F: v = 63  // '/' (and '_')
            case 0x3D: return out      // '=' padding ends the data
            default: continue
            }
            acc = (acc << 6) | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
            }
        }
        return out
    }

    /// RFC 2047 "Q" decoding: `_` is a space, `=XX` a byte; malformed escapes are kept literally.
    static func qEncoding(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let c = input[i]
            if c == 0x5F {
                out.append(0x20)
            } else if c == 0x3D, i + 2 < input.count,
                      let hi = ByteText.hexValue(input[i + 1]), let lo = ByteText.hexValue(input[i + 2]) {
                out.append(hi << 4 | lo)
                i += 2
            } else {
                out.append(c)
            }
            i += 1
        }
        return out
    }

    /// RFC 2231 / URL percent-decoding; malformed escapes are kept literally.
    static func percent(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let c = input[i]
            if c == 0x25, i + 2 < input.count,
               let hi = ByteText.hexValue(input[i + 1]), let lo = ByteText.hexValue(input[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }
}
