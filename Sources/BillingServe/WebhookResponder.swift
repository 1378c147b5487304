import BillingCore
import BillingStore
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Answers `POST /webhooks/chargify/<source>` and `POST /webhooks/ghl/<location>`. Every sender is hostile
/// until its signature over the raw bytes is checked: the size is bounded before reading (413), a missing or
/// wrong signature is refused (401) before the body is parsed, and a verified webhook is recorded (a retry of a
/// recorded id is dropped) before 200 is sent; the re-read happens later, in the source leader's loop, so the
/// answer is fast whichever serve received it. A store failure answers 503, so the provider sends it again.
struct WebhookResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let store: PostgresStore
    let secrets: ServeSecrets
    let bodyLimit: Int
    let counters: ServeCounters
    let logger: Logger

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let parts = request.uri.path.split(separator: "/").map(String.init)
        guard parts.count == 3, parts[0] == "webhooks", parts[1] == "chargify" || parts[1] == "ghl" else {
            return Self.answer(
                .notFound, "no such webhook endpoint; use /webhooks/chargify/SOURCE or /webhooks/ghl/LOCATION")
        }
        guard request.method == .post else { return Self.answer(.methodNotAllowed, "webhooks are POSTed") }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > bodyLimit {
            return tooLarge()
        }
        var request = request
        let body: [UInt8]
        do { body = Array(try await request.collectBody(upTo: bodyLimit).readableBytesView) } catch {
            return tooLarge()
        }
        let sources: [SourceInfo]
        do { sources = try await store.sources(includingCRM: true) } catch { return unavailable(error) }
        if parts[1] == "chargify" {
            return await chargify(body, sourceName: parts[2], sources: sources, headers: request.headers)
        }
        return await ghl(body, location: parts[2], sources: sources, headers: request.headers)
    }

    private func chargify(_ body: [UInt8], sourceName: String, sources: [SourceInfo], headers: HTTPFields) async
        -> Response
    {
        guard let key = secrets.chargifyKey(sourceName), let source = sources.first(where: { $0.name == sourceName })
        else {
            counters.refused()
            return Self.answer(.notFound, "no Chargify source with a webhook key by that name")
        }
        let signature = headers[HTTPField.Name(ChargifyWebhook.signatureHeader)!]
        guard ChargifyWebhook.isSigned(body, signature: signature, key: key) else {
            counters.refused()
            logger.warning("refused a Chargify webhook for \(source.name): missing or wrong signature")
            return Self.answer(.unauthorized, "missing or wrong signature")
        }
        guard let hook = ChargifyWebhook.read(body, idHeader: headers[HTTPField.Name(ChargifyWebhook.idHeader)!])
        else { return Self.answer(.badRequest, "no webhook id") }
        return await record(.chargify, source: source, id: hook.webhookID, event: hook.event, targets: hook.targets)
    }

    private func ghl(_ body: [UInt8], location: String, sources: [SourceInfo], headers: HTTPFields) async -> Response {
        guard let key = secrets.ghlKey,
            let source = sources.first(where: { $0.kind == "ghl" && $0.account == location })
        else {
            counters.refused()
            return Self.answer(.notFound, "no GHL source for that location, or no GHL public key configured")
        }
        guard GHLWebhook.isSigned(body, signature: headers[HTTPField.Name(GHLWebhook.signatureHeader)!], key: key)
        else {
            counters.refused()
            logger.warning("refused a GHL webhook for \(source.name): missing or wrong signature")
            return Self.answer(.unauthorized, "missing or wrong signature")
        }
        guard let hook = GHLWebhook.read(body) else { return Self.answer(.badRequest, "no webhookId") }
        return await record(.ghl, source: source, id: hook.webhookID, event: hook.event, targets: hook.targets)
    }

    private func record(
        _ provider: PostgresStore.WebhookProvider, source: SourceInfo, id: String, event: String,
        targets: [WebhookTarget]
    ) async -> Response {
        do {
            let fresh = try await store.recordWebhook(
                provider: provider, sourceID: source.id, webhookID: id, event: event, targets: targets)
            counters.received(duplicate: !fresh)
            logger.info(
                "\(fresh ? "accepted" : "dropped a repeat of") \(provider.rawValue) webhook \(id) (\(event)) for \(source.name)"
            )
            return Self.answer(.ok, fresh ? "recorded" : "already recorded")
        } catch {
            return unavailable(error)
        }
    }

    private func tooLarge() -> Response {
        counters.refused()
        return Self.answer(.contentTooLarge, "the body is over \(bodyLimit) bytes")
    }

    private func unavailable(_ error: any Error) -> Response {
        logger.error("a webhook could not be recorded: \(TextSanitizer.clean(String(describing: error)))")
        return Self.answer(.serviceUnavailable, "the store is unavailable; send it again later")
    }

    static func answer(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "text/plain; charset=utf-8"
        let bytes = ByteBuffer(string: text + "\n")
        fields[.contentLength] = String(bytes.readableBytes)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: bytes))
    }
}
