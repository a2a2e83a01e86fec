import Hummingbird
import NIOCore

/// Builds responses the way the real server sends them: `application/json; charset=utf-8` with a length.
enum JSONResponse {
    static let contentType = "application/json; charset=utf-8"

    static func make(_ status: HTTPResponse.Status = .ok, _ body: JSONValue, headers extra: HTTPFields = [:]) -> Response {
        make(status, writing: body, headers: extra)
    }

    /// A resource that writes its own JSON (`JSONWritable`), or a list of them.
    static func make(_ status: HTTPResponse.Status = .ok, writing body: some JSONWritable, headers extra: HTTPFields = [:]) -> Response {
        var buffer = ByteBuffer()
        body.write(to: &buffer)
        let length = String(buffer.readableBytes)
        var headers = extra
        if extra.isEmpty {
            // A literal is built in one go; setting fields one by one searches the list each time.
            headers = [.contentType: contentType, .contentLength: length]
        } else {
            headers[.contentType] = contentType
            headers[.contentLength] = length
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }

    /// A success with no body that still names the JSON media type, as the real stop action does.
    static func empty(_ status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType, .contentLength: "0"], body: .init())
    }
}
