/// A list of words packed into fixed 16-byte slots of one buffer, so a word
/// is copied with two 8-byte moves and without reference counting.
struct DemoWordTable: Sendable {
    /// Bytes per slot; longer words are cut to this length.
    static let slot = 16

    /// Word `i` occupies `blob[i * slot ..< i * slot + lengths[i]]`, zero padded.
    let blob: [UInt8]
    /// Length in bytes of each word.
    let lengths: [Int]

    /// Number of words.
    var count: Int { lengths.count }

    /// Packs `words`.
    init(_ words: [[UInt8]]) {
        var blob: [UInt8] = []
        var lengths: [Int] = []
        for word in words {
            let kept = word.prefix(Self.slot)
            blob.append(contentsOf: kept)
            blob.append(contentsOf: repeatElement(0, count: Self.slot - kept.count))
            lengths.append(kept.count)
        }
        self.blob = blob
        self.lengths = lengths
    }
}
