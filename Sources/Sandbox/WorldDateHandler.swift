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

    /// `seconds` since 1970 as an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the form RFC 9110 requires.
    static func httpDate(_ seconds: Int64) -> String {
        let days = Int(SandboxClock.floorDiv(seconds, 86_400))
        let date = LocalDate(daysSinceEpoch: days)
        let second = Int(seconds - Int64(days) * 86_400)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekdays[((days % 7) + 7) % 7]), \(two(date.day)) \(months[date.month - 1]) \(date.year) "
            + "\(two(second / 3_600)):\(two(second / 60 % 60)):\(two(second % 60)) GMT"
    }
}
