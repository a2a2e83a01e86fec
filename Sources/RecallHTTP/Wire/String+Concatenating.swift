extension String {
    /// `parts` one after another, in a String sized once. Interpolating long parts (`"\(base)/\(path)"`, a link of
    /// 150 bytes) grows the result from a guess of a few bytes, a reallocation at each doubling: a third of building
    /// an item's links while browsing.
    init(concatenating parts: String...) {
        var count = 0
        for part in parts { count += part.utf8.count }
        self = ""
        reserveCapacity(count)
        for part in parts { self += part }
    }
}
