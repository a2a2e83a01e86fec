/// One hexadecimal digit, either case: shared by the id and content-hash parsers.
enum HexDigit {
    static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }
}
