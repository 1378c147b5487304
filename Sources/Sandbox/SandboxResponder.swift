import BillingCore
import HTTPTypes
import Hummingbird
import NIOCore

/// Turns Hummingbird requests into sandbox requests and sandbox responses back into HTTP, including
/// trickled bodies for the slow-trickle fault.
struct SandboxResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let server: SandboxServer

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        var request = request
        var body: [UInt8] = []
        if request.method == .post || request.method == .put || request.method == .patch || request.method == .delete {
            let buffer = try await request.collectBody(upTo: 16 << 20)
            body = Array(buffer.readableBytesView)
        }
        let sandboxRequest = SandboxRequest(
            method: request.method.rawValue, path: request.uri.path, rawQuery: request.uri.query,
            authorization: request.headers[.authorization], version: request.headers[HTTPField.Name("Version")!],
            idempotencyKey: request.headers[HTTPField.Name("Idempotency-Key")!], body: body)
        // `Date` from the world's clock (what `updated_at` is stamped with); WorldDateHandler moves it
        // into place after Hummingbird has set its wall-clock one. Read before the body is made: a world
        // moved by another request meanwhile (a scripted jump of hours in a millisecond) must not date this
        // body later than what it holds, or a client's next window would start after changes it never saw.
        let worldNow = await server.world.now.secondsSinceEpoch
        let (response, trickle) = await server.handle(sandboxRequest)
        var fields = HTTPFields()
        fields.append(HTTPField(name: WorldDateHandler.worldDateField, value: HTTPDate.format(worldNow)))
        for (name, value) in response.headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        let status = HTTPResponse.Status(code: response.status)
        guard let trickle, response.body.count > trickle.chunk else {
            fields[.contentLength] = String(response.body.count)
            return Response(
                status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body)))
        }
        let bytes = response.body
        return Response(
            status: status, headers: fields,
            body: ResponseBody(contentLength: bytes.count) { writer in
                var offset = 0
                while offset < bytes.count {
                    let end = min(bytes.count, offset + trickle.chunk)
                    try await writer.write(ByteBuffer(bytes: bytes[offset..<end]))
                    offset = end
                    if offset < bytes.count { try await Task.sleep(for: .milliseconds(trickle.delayMilliseconds)) }
                }
                try await writer.finish(nil)
            })
    }
}
