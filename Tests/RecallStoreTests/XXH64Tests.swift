import RecallStore
import Testing

/// The checksum an export compares messages against must be XXH64 exactly: these are the reference library's values
/// (python-xxhash 3), for every path through the function (empty, the 1-, 4- and 8-byte tails, and 32-byte stripes).
@Suite struct XXH64Tests {
    @Test(arguments: [
        ("", 0xEF46_DB37_51D8_E999 as UInt64),
        ("a", 0xD24E_C4F1_A98C_6E5B),
        ("abc", 0x44BC_2CF5_AD77_0999),
        ("0123456789abcdef0123456789abcdef0123456789", 0xA761_90C3_ACF0_8A1C),
    ])
    func knownValues(_ text: String, _ expected: UInt64) {
        #expect(XXH64.hash(Array(text.utf8)) == expected)
    }

    @Test func everyByteValue_threeTimesOver_plusATail() {
        let bytes = Array((0..<768).map { UInt8($0 % 256) }) + Array("xyz".utf8)
        #expect(XXH64.hash(bytes) == 0xE921_A1B4_5BD7_79F8)
    }

    @Test func aChangedByte_changesTheChecksum_wherever_itIs() {
        let bytes = Array((0..<100).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let original = XXH64.hash(bytes)
        for index in bytes.indices {
            var damaged = bytes
            damaged[index] ^= 0x10
            #expect(XXH64.hash(damaged) != original, "byte \(index)")
        }
    }
}
