extension String {
    /// The text with every character that could steer a terminal or forge a line shown as an escape instead:
    /// C0 controls (tab and line ends included), DEL and C1 controls as `\xNN`, and the Unicode controls that
    /// reorder or break text (bidirectional overrides and isolates, line and paragraph separators) as `\u{NNNN}`.
    /// Everything the command-line tool prints that came from mail or from the command line passes through here,
    /// so a subject or folder name cannot clear the screen, retitle the window or hide text.
    public var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: Self.needsEscape) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 16)
        for scalar in unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\x" + Self.hex(scalar.value, digits: 2)
            } else if Self.needsEscape(scalar) {
                out += "\\u{" + Self.hex(scalar.value, digits: 4) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F: true
        case 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: Swift.max(0, digits - text.count)) + text
    }
}
