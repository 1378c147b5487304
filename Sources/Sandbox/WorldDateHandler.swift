import BillingCore
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Makes every response's `Date` header the sandbox world's clock instead of the machine's.
///
/// A real API stamps `Date` with the clock it stamps `updated_at` with; clients take their high-water
/// mark from it so that clock skew between them and the server cannot open a gap. Hummingbird always
/// sets `Date` from the wall clock after the responder returns, so the responder leaves the world's
/// date in `worldDateField` and this handler, sitting between the HTTP codec and Hummingbird, moves it
/// into `Date` on the way out.
final class WorldDateHandler: ChannelOutboundHandler, RemovableChannelHandler, Sendable {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The private header the responder fills in; it never leaves the process.
    static let worldDateField = HTTPField.Name("X-Sandbox-World-Date")!

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data), let world = head.headerFields[Self.worldDateField] else {
            context.write(data, promise: promise)
            return
        }
        head.headerFields[Self.worldDateField] = nil
        head.headerFields[.date] = world
        context.write(wrapOutboundOut(.head(head)), promise: promise)
    }
}
