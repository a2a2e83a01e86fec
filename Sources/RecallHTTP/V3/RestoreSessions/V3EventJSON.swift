import RecallCore

/// v3 representation of a restore-session event (docs/api.md, v3 wire shapes: item fields first, then the event's own).
enum V3EventJSON {
    /// `sessionPath` and `eventsSegment` spell the links as each version does (`restoresessions/…/events` on v3).
    static func make(
        _ event: SessionEvent, links: some LinkBuilder, sessionPath: String? = nil, eventsSegment: String = "events"
    ) -> JSONValue {
        let session = sessionPath ?? "restoresessions/\(event.sessionID)"
        var pairs: [(String, JSONValue)] = []
        if let item = event.item {
            pairs += [
                ("itemName", .string(item.name)), ("itemType", .string(item.type)), ("itemSizeBytes", .int(item.sizeBytes)),
                ("source", .string(item.source)), ("target", .string(item.target)),
            ]
        }
        pairs += [
            ("id", .string(event.id.description)),
            ("type", .string(event.type.wireName)),
            ("status", .string(event.status.wireName)),
            ("startTime", .string(WireTime.iso(event.startTime))),
            ("endTime", .string(WireTime.iso(event.endTime))),
            ("duration", .string(WireTime.duration(ticks: event.durationTicks))),
            ("title", .string(event.title)),
            ("message", .string(event.message)),
            ("order", .int(Int64(event.order))),
            ("_links", .object([("self", links.href("\(session)/\(eventsSegment)/\(event.id)")), ("restoreSession", links.href(session))])),
        ]
        return .object(pairs)
    }
}
