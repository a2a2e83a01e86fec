import RecallCore

/// Reads the `explore` action's options as the real server binds them (lenient names, string booleans).
enum V3ExploreRequest {
    static func options(from value: InputValue, now: Timestamp) throws -> ExploreOptions {
        if value.isNull { return ExploreOptions(pointInTime: now) }
        guard value.members != nil else { throw APIError.badRequest("'explore' must be an object with datetime, type, showDeleted and showAllVersions.") }
        var options = ExploreOptions(pointInTime: now)
        if let datetime = value["datetime"], !datetime.isNull {
            guard let text = datetime.stringValue, let time = TimestampParser.parse(text) else {
                throw APIError.badRequest("The value of 'datetime' is not a valid date and time: use yyyy.MM.dd HH:mm:ss, yyyy-MM-dd HH:mm:ss.SSS or ISO 8601.")
            }
            options.pointInTime = time
        }
        if let type = value["type"], !type.isNull {
            guard let text = type.stringValue, let parsed = SessionType(caseInsensitive: text) else {
                throw APIError.badRequest("The value of 'type' must be one of vex, veod, vesp.")
            }
            options.type = parsed
        }
        options.showDeleted = try flag("showDeleted", in: value)
        options.showAllVersions = try flag("showAllVersions", in: value)
        return options
    }

    private static func flag(_ name: String, in value: InputValue) throws -> Bool {
        guard let raw = value[name], !raw.isNull else { return false }
        guard let flag = raw.boolValue else { throw APIError.badRequest("The value of '\(name)' must be true or false.") }
        return flag
    }
}
