import NIOCore
import NIOHTTPTypes

/// Per-connection limits that cost nothing per request:
/// - the per-address cap (`ConnectionsPerAddress`): a connection over it is closed as soon as it is accepted;
/// - the first request: NIO's `IdleStateHandler` in front of this handler reports a connection that delivered no
///   request head within the first-request timeout, and this handler closes it; the idle handler is taken out of the
///   pipeline at the first request (after that `RequestReadTimeout` governs waits);
/// - the write deadline: a connection whose response has waited `writeTimeout` on a client that takes none of its
///   bytes (the channel stays unwritable) is closed, which fails the pending write and frees the export behind it.
///   It keys on writability changes rather than on `IdleStateHandler`'s write timeout, which wraps every write in a
///   promise and would also close a connection whose answer is merely slow to compute.
final class ConnectionGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let connections: ConnectionsPerAddress
    private let writeTimeout: TimeAmount
    /// The address counted for this connection, until it closes.
    private var counted: String?
    private var checkedIn = false
    /// Watches for the first request; nil once it came.
    private var firstRequest: IdleStateHandler?
    private var writeDeadline: Scheduled<Void>?

    /// The handlers to add to each connection's pipeline, in order.
    static func handlers(connections: ConnectionsPerAddress, firstRequestTimeout: TimeAmount, writeTimeout: TimeAmount) -> [any RemovableChannelHandler] {
        let idle = IdleStateHandler(readTimeout: firstRequestTimeout)
        return [idle, ConnectionGuard(connections: connections, firstRequest: idle, writeTimeout: writeTimeout)]
    }

    private init(connections: ConnectionsPerAddress, firstRequest: IdleStateHandler, writeTimeout: TimeAmount) {
        self.connections = connections
        self.firstRequest = firstRequest
        self.writeTimeout = writeTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { checkIn(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        checkOut()
    }

    func channelActive(context: ChannelHandlerContext) {
        checkIn(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        checkOut()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if let idle = firstRequest {
            firstRequest = nil
            context.pipeline.syncOperations.removeHandler(idle, promise: nil)
        }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if firstRequest != nil, let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            writeDeadline?.cancel()
            writeDeadline = nil
        } else if writeDeadline == nil {
            writeDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: writeTimeout) { [self] in
                writeDeadline = nil
                if !context.channel.isWritable { context.close(promise: nil) }
            }
        }
        context.fireChannelWritabilityChanged()
    }

    private func checkIn(_ context: ChannelHandlerContext) {
        guard !checkedIn else { return }
        checkedIn = true
        let address = context.channel.remoteAddress?.ipAddress ?? ""
        if connections.admit(address) {
            counted = address
        } else {
            context.close(promise: nil)
        }
    }

    private func checkOut() {
        writeDeadline?.cancel()
        writeDeadline = nil
        if let counted {
            connections.release(counted)
            self.counted = nil
        }
    }
}
