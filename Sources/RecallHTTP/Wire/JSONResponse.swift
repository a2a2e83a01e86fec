import Hummingbird
import NIOCore

/// Builds responses the way the real server sends them: `application/json; charset=utf-8` with a length.
enum JSONResponse {
    static let contentType = "application/json; charset=utf-8"

    static func make(_ status: HTTPResponse.Status = .ok, _ body: JSONValue, headers extra: HTTPFields = [:]) -> Response {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(512)
        body.write(to: &buffer)
        var headers = extra
        headers[.contentType] = contentType
        headers[.contentLength] = String(buffer.readableBytes)
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }

    /// A success with no body that still names the JSON media type, as the real stop action does.
    static func empty(_ status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType, .contentLength: "0"], body: .init())
    }
}
