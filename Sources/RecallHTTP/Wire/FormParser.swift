/// Reads `application/x-www-form-urlencoded` bodies into the same shape as JSON ones.
///
/// `explore.datetime=…` and `explore[datetime]=…` both become `{"explore": {"datetime": …}}`; a key with an empty
/// value (`stop=`) becomes null, as ASP.NET's binder treats it.
public enum FormParser {
    public struct Failure: Error, Equatable {
        public let message: String
    }

    /// Plain key → value pairs, percent- and plus-decoded, in order.
    public static func pairs(_ bytes: [UInt8]) throws(Failure) -> [(String, String)] {
        var result: [(String, String)] = []
        for field in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = field.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let key = try decode(parts[0])
            let value = parts.count > 1 ? try decode(parts[1]) : ""
            result.append((key, value))
        }
        return result
    }

    /// Keys nest at most this deep (`a.b.c` is 3), as JSON bodies do: deeper paths could exhaust the stack.
    static let maxDepth = 64

    /// The body as a nested object.
    public static func parse(_ bytes: [UInt8]) throws(Failure) -> InputValue {
        let root = Node(children: [:])
        for (key, value) in try pairs(bytes) {
            let path = key.replacingOccurrences(of: "]", with: "").split(whereSeparator: { $0 == "." || $0 == "[" }).map { $0.lowercased() }
            guard !path.isEmpty else { continue }
            guard path.count <= maxDepth else { throw Failure(message: "The form body nests a key deeper than \(maxDepth) levels.") }
            root.insert(value.isEmpty ? .null : .string(value), at: path)
        }
        return root.value
    }

    /// The object being built, changed in place: rebuilding `InputValue` dictionaries along the path on every insert
    /// made a body of many keys under one parent (`x.k1=&x.k2=&…`) take quadratic time.
    private final class Node {
        var leaf: InputValue?
        var children: [String: Node]?  // non-nil for an object

        init(leaf: InputValue? = nil, children: [String: Node]? = nil) {
            self.leaf = leaf
            self.children = children
        }

        /// The first value of a key wins; a key given both a value and members becomes an object.
        func insert(_ value: InputValue, at path: [String]) {
            var node = self
            for (index, key) in path.enumerated() {
                if index == path.count - 1 {
                    if node.children?[key] == nil { node.children?[key] = Node(leaf: value) }
                    return
                }
                if let child = node.children?[key], child.children != nil {
                    node = child
                } else {
                    let child = Node(children: [:])
                    node.children?[key] = child
                    node = child
                }
            }
        }

        var value: InputValue {
            if let children { return .object(children.mapValues(\.value)) }
            return leaf ?? .null
        }
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) throws(Failure) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else {
                    throw Failure(message: "The form body has a malformed percent escape.")
                }
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw Failure(message: "The request body is not valid UTF-8.") }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - 55
        default: nil
        }
    }
}
