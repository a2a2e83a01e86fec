import RecallCore

/// v3 representation of a restore session (docs/api.md, v3 wire shapes), written straight into the response: sessions are
/// what scripts poll and list, and building a tree of values for each (eleven allocations, and as many frees) was a
/// quarter of listing 1 000 sessions.
struct V3RestoreSessionJSON: JSONWritable {
    let session: RestoreSession
    let links: V3Links

    static func make(_ session: RestoreSession, links: V3Links) -> V3RestoreSessionJSON {
        V3RestoreSessionJSON(session: session, links: links)
    }

    /// `{"id":…,"type":…,"creationTime":…,["endTime":…,]"state":…,"result":…,"_links":{"self":…,"organization":…}}`:
    /// the keys in the real server's order; no `endTime` while the session runs.
    func writeJSON(to sink: inout some JSONSink) {
        let id = session.id.description
        sink.append(#"{"id":"#)
        sink.appendString(id)
        sink.append(#","type":"#)
        sink.appendString(session.type.wireName)
        sink.append(#","creationTime":"#)
        sink.appendString(WireTime.iso(session.creationTime))
        if let endTime = session.endTime {
            sink.append(#","endTime":"#)
            sink.appendString(WireTime.iso(endTime))
        }
        sink.append(#","state":"#)
        sink.appendString(session.state.wireName)
        sink.append(#","result":"#)
        sink.appendString(session.result.wireName)
        sink.append(#","_links":{"self":"#)
        links.writeHref("restoresessions/", id, to: &sink)
        sink.append(#","organization":"#)
        links.writeHref("restoresessions/", id, "/organization", to: &sink)
        sink.append("}}")
    }
}

extension RawRepresentable where RawValue == String {
    /// The PascalCase spelling the API uses for enum values (`working` → `Working`).
    /// Raw values are ASCII words, so the first byte is upper-cased in place (short names stay small Strings,
    /// without the allocations of `prefix(1).uppercased() + dropFirst()`).
    var wireName: String {
        var raw = rawValue
        return raw.withUTF8 { bytes in
            guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                _ = out.initialize(from: bytes)
                out[0] = first - 0x20
                return bytes.count
            }
        }
    }
}
