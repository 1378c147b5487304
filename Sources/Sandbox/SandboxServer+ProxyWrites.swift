import Foundation

extension SandboxServer {
    /// Truto's response header on a replayed `Idempotency-Key`. The name is the sandbox's choice: Truto's
    /// real header (if it sends one) is not confirmed.
    static let replayedHeader = "idempotent-replayed"

    /// `POST|PUT|DELETE /proxy/{resource}[/{id}[/{action}]]` onto the Chargify write of the same path (the last
    /// segment gains `.json`), body and query passed through. An `Idempotency-Key` seen within 60 world
    /// minutes replays the first reply (status, headers, body) without acting again; a provider error comes
    /// back in Truto's envelope with `truto_is_remote_error` and the provider's body as `raw_response`.
    func proxyWrite(_ request: SandboxRequest) async -> SandboxResponse {
        guard ["POST", "PUT", "DELETE"].contains(request.method) else {
            return SandboxAPI.truto.error(405, "The proxy accepts GET, POST, PUT and DELETE, not \(request.method).")
        }
        let parts = request.path.dropFirst("/proxy/".count).split(separator: "/").map(String.init)
        guard !parts.isEmpty else { return SandboxAPI.truto.error(404, "Unknown proxy resource: \(request.path)") }
        let key = request.idempotencyKey.map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        if let key {
            switch await world.beginIdempotent(key) {
            case .success(var replay):
                replay.headers.append((Self.replayedHeader, "true"))
                return replay
            case .failure(let refusal):
                return SandboxAPI.truto.error(refusal.status, refusal.messages.joined(separator: " "))
            case nil:
                break
            }
        }
        var forwarded = request
        forwarded.path = "/" + parts.joined(separator: "/") + ".json"
        forwarded.query.removeAll { $0.0 == "integrated_account_id" }
        var response = await chargify(forwarded)
        if !response.isSuccess { response = Self.remoteError(response) }
        if let key { await world.finishIdempotent(key, response) }
        return response
    }

    /// A provider's error in Truto's envelope: its messages joined, its body verbatim as `raw_response`.
    static func remoteError(_ provider: SandboxResponse) -> SandboxResponse {
        let parsed = (try? JSONSerialization.jsonObject(with: Data(provider.body))) as? [String: Any]
        let messages = parsed?["errors"] as? [String] ?? []
        var w = JSONWriter()
        w.object { w in
            w.field("statusCode", provider.status)
            w.field("error", SandboxAPI.reason(provider.status))
            w.field(
                "message",
                messages.isEmpty ? "The provider answered \(provider.status)." : messages.joined(separator: " "))
            w.object("details") { _ in }
            w.field("truto_is_remote_error", true)
            w.field("raw_response", String(decoding: provider.body, as: UTF8.self))
        }
        return .json(provider.status, w)
    }
}
