import HummingbirdCore
import NIOCore
import NIOHTTPTypes

/// Closes a connection that has not delivered a whole request (head and body) within `timeout` of the moment the
/// server started waiting for it: when the connection opened, or when the previous response was written. A
/// slowloris client trickling header bytes cannot hold a connection; a long download is not affected (the clock
/// only runs while the server waits for a request).
final class RequestReadTimeout: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    /// When the server started waiting for the next request; nil while one is being answered.
    private var waitingSince: NIODeadline?
    /// The one check scheduled for this connection. Requests only move `waitingSince`, so a request schedules and
    /// cancels no timer.
    private var check: Scheduled<Void>?
    /// Requests read whose response has not been written yet (more than one only when a client pipelines).
    private var unanswered = 0
    /// The deadline passed and the connection is closing: inbound bytes are dropped.
    private var closing = false

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startWaiting(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancel()
    }

    func channelActive(context: ChannelHandlerContext) {
        startWaiting(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        if case .end = unwrapInboundIn(data) {
            unanswered += 1
            waitingSince = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered = max(0, unanswered - 1)
            if unanswered == 0 { startWaiting(context) }
        }
        context.write(data, promise: promise)
    }

    private func startWaiting(_ context: ChannelHandlerContext) {
        let now = NIODeadline.now()
        waitingSince = now
        if check == nil { schedule(at: now + timeout, context) }
    }

    /// At `time`: close the connection if it has waited `timeout` for a request, else check again when it would have.
    private func schedule(at time: NIODeadline, _ context: ChannelHandlerContext) {
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        check = context.eventLoop.scheduleTask(deadline: time) {
            let (handler, context) = bound.value
            handler.check = nil
            guard let since = handler.waitingSince else { return }
            if NIODeadline.now() >= since + handler.timeout {
                handler.closing = true
                context.close(promise: nil)
            } else {
                handler.schedule(at: since + handler.timeout, context)
            }
        }
    }

    private func cancel() {
        check?.cancel()
        check = nil
        waitingSince = nil
    }
}
