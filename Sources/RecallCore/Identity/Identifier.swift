import Foundation

/// A typed UUID: `Identifier<RestoreSession>` cannot be passed where `Identifier<Organization>` is expected.
public struct Identifier<Subject>: Hashable, Sendable, CustomStringConvertible {
    public let uuid: UUID

    public init(_ uuid: UUID) {
        self.uuid = uuid
    }

    /// Parses the canonical 8-4-4-4-12 form in any case; anything else is nil.
    public init?(string: String) {
        var text = string
        guard let uuid = text.withUTF8(Self.parse) else { return nil }
        self.uuid = uuid
    }

    /// Parses the canonical 8-4-4-4-12 form in any case; anything else is nil.
    public init?(string: Substring) {
        var text = string
        guard let uuid = text.withUTF8(Self.parse) else { return nil }
        self.uuid = uuid
    }

    /// Works on the UTF-8 bytes in place, rather than a generic walk over a `StringProtocol`: every request parses
    /// the id in its path.
    private static func parse(_ utf8: UnsafeBufferPointer<UInt8>) -> UUID? {
        guard utf8.count == 36 else { return nil }
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let valid = withUnsafeMutableBytes(of: &raw) { out -> Bool in
            var position = 0
            var index = 0
            while position < 36 {
                if position == 8 || position == 13 || position == 18 || position == 23 {
                    guard utf8[position] == UInt8(ascii: "-") else { return false }
                    position += 1
                    continue
                }
                // Hex groups have even lengths, so a pair never straddles a dash.
                guard let high = HexDigit.value(utf8[position]), let low = HexDigit.value(utf8[position + 1]) else { return false }
                out[index] = high << 4 | low
                index += 1
                position += 2
            }
            return true
        }
        return valid ? UUID(uuid: raw) : nil
    }

    /// Lower-case canonical form, as the real API prints GUIDs. Written by hand: Foundation's `uuidString` goes
    /// through `snprintf`, and listing a thousand sessions formats thousands of ids.
    public var description: String {
        withUnsafeBytes(of: uuid.uuid) { raw in
            String(unsafeUninitializedCapacity: 36) { out in
                let digits: StaticString = "0123456789abcdef"
                var index = 0
                for (position, byte) in raw.enumerated() {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        out[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    out[index] = digits.utf8Start[Int(byte >> 4)]
                    out[index + 1] = digits.utf8Start[Int(byte & 0x0F)]
                    index += 2
                }
                return index
            }
        }
    }
}
