import Hummingbird

/// One operation a router serves: its full path as registered (`/v8/RestoreSessions/:restoreSessionId`) and method.
struct ServedRoute: Hashable, Sendable {
    let path: String
    let method: HTTPRequest.Method
}
