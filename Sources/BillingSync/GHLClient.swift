import BillingCore
import BillingStore
import Foundation
import Logging

/// GHL's Contacts API v2 through the sync engine's request path (one `RequestExecutor`: the source's throttle,
/// the retry policy, 429s honoured, bodies capped, redirects kept to the origin, the token redacted). Every call
/// carries `Version`; every answer's `X-RateLimit-*` headers retune the pace (see `GHLRateHeaders`).
public final class GHLClient: Sendable {
    public let source: GHLSource
    let executor: RequestExecutor
    let log = LogBuffer()
    /// Where the client's log lines go (the sync log, under `BillingStore.ghlLogStream`), for `billtop status`.
    let store: BillingStore?

    /// One page of a contact search and the cursor after its last contact (nil at the end).
    public struct ContactPage: Sendable {
        public var contacts: [CRMContact]
        public var next: [String]?
    }

    public init(
        source: GHLSource, transport: any Transport = URLSessionTransport(), clock: any SyncClock = SystemClock(),
        policy: RetryPolicy = RetryPolicy(), logger: Logger = Logger(label: "billtop.ghl"), store: BillingStore? = nil
    ) {
        self.source = source
        self.store = store
        let refusal = SourceURL.problem(source.baseURL, allowInsecureHTTP: source.allowInsecureHTTP).map {
            "source \(source.name): url \(SourceURL.shown(source.baseURL)) \(SourceURL.configMessage($0))"
        }
        executor = RequestExecutor(
            source: SourceInfo(
                id: 0, name: source.name, kind: "ghl", baseURL: source.baseURL, account: source.locationID),
            transport: transport, maxInFlight: 2, policy: policy, clock: clock,
            headers: [
                "Authorization": "Bearer \(source.secret)", "Version": GHLSource.apiVersion,
                "Accept": "application/json", "Content-Type": "application/json",
            ],
            redactor: SecretRedactor(secrets: [source.secret]), logger: logger, seed: 0x6411,
            // GHL's documented 100 per 10 s at 90%, until the first answer states the limit itself.
            requestsPerHour: 32_400, maxResponseBytes: source.maxResponseBytes, urlRefusal: refusal, report: { _ in })
    }

    /// Requests sent so far (429s and retries included).
    public var requests: Int { executor.counter.count }

    /// One page of `POST /contacts/search`, oldest `dateUpdated` first, from `updatedSince` (ms) on, after
    /// `cursor` (the previous page's `next`): `searchAfter` works at any depth, where pages stop at 10,000.
    public func searchContacts(updatedSince: Int64?, cursor: [String]?) async throws -> ContactPage {
        var body: [String: Any] = [
            "locationId": source.locationID, "pageLimit": source.pageSize,
            "sort": [["field": "dateUpdated", "direction": "asc"]],
        ]
        if let updatedSince {
            body["filters"] = [["field": "dateUpdated", "operator": "range", "value": ["gte": updatedSince]]]
        }
        if let cursor, cursor.count == 2 { body["searchAfter"] = [Int64(cursor[0]) ?? 0, cursor[1]] as [Any] }
        let limit = source.pageSize
        return try await call("POST", "/contacts/search", body: body) { object in
            let raw = object["contacts"] as? [[String: Any]] ?? []
            let contacts = raw.compactMap(GHLMapper.contact)
            var next: [String]?
            if raw.count >= limit, let last = raw.last {
                let after = last["searchAfter"] as? [Any] ?? []
                let value = after.first.flatMap(GHLMapper.millis) ?? GHLMapper.millis(last["dateUpdated"]) ?? 0
                next = [String(value), GHLMapper.text(last["id"])]
            }
            return ContactPage(contacts: contacts, next: next)
        }
    }

    public func users() async throws -> [CRMUser] {
        try await call("GET", "/users/?locationId=\(Self.escape(source.locationID))") {
            ($0["users"] as? [[String: Any]] ?? []).compactMap(GHLMapper.user)
        }
    }

    public func notes(contactID: String) async throws -> [CRMNote] {
        try await call("GET", "/contacts/\(Self.escape(contactID))/notes") {
            ($0["notes"] as? [[String: Any]] ?? []).compactMap { GHLMapper.note($0, contactID: contactID) }
        }
    }

    public func tasks(contactID: String) async throws -> [CRMTask] {
        try await call("GET", "/contacts/\(Self.escape(contactID))/tasks") {
            ($0["tasks"] as? [[String: Any]] ?? []).compactMap { GHLMapper.task($0, contactID: contactID) }
        }
    }

    public func contact(id: String) async throws -> CRMContact? {
        try await call("GET", "/contacts/\(Self.escape(id))") {
            ($0["contact"] as? [String: Any]).flatMap(GHLMapper.contact)
        }
    }

    /// `POST /contacts/{id}/notes`. GHL has no idempotency key: sent once (a 429 aside), an answer that leaves
    /// it unknown whether GHL acted throws `UnansweredWrite`, and callers look before they add again.
    public func addNote(contactID: String, body: String) async throws -> CRMNote? {
        try await call("POST", "/contacts/\(Self.escape(contactID))/notes", body: ["body": body], repeatable: false) {
            ($0["note"] as? [String: Any]).flatMap { GHLMapper.note($0, contactID: contactID) }
        }
    }

    /// `POST /contacts/{id}/tasks`, due at `dueMilliseconds`; sent once as `addNote` is.
    public func addTask(contactID: String, title: String, body: String, dueMilliseconds: Int64, assignedTo: String?)
        async throws -> CRMTask?
    {
        var fields: [String: Any] = [
            "title": title, "body": body, "completed": false,
            "dueDate": Timestamp(secondsSinceEpoch: dueMilliseconds / 1000).iso8601,
        ]
        if let assignedTo, !assignedTo.isEmpty { fields["assignedTo"] = assignedTo }
        return try await call("POST", "/contacts/\(Self.escape(contactID))/tasks", body: fields, repeatable: false) {
            ($0["task"] as? [String: Any]).flatMap { GHLMapper.task($0, contactID: contactID) }
        }
    }

    /// `PUT /contacts/{id}/tasks/{taskId}/completed`.
    public func completeTask(contactID: String, taskID: String) async throws -> CRMTask? {
        try await call(
            "PUT", "/contacts/\(Self.escape(contactID))/tasks/\(Self.escape(taskID))/completed",
            body: ["completed": true]
        ) { ($0["task"] as? [String: Any]).flatMap { GHLMapper.task($0, contactID: contactID) } }
    }

    /// `POST /contacts/{id}/tags`: adds tags (adding one twice is harmless).
    public func addTags(contactID: String, _ tags: [String]) async throws {
        try await call("POST", "/contacts/\(Self.escape(contactID))/tags", body: ["tags": tags]) { _ in () }
    }

    /// `PUT /contacts/{id}` with custom field values (by id or key); idempotent.
    public func setCustomFields(contactID: String, _ values: [String: String]) async throws {
        let fields = values.sorted { $0.key < $1.key }.map { ["id": $0.key, "value": $0.value] }
        try await call("PUT", "/contacts/\(Self.escape(contactID))", body: ["customFields": fields]) { _ in () }
    }

    /// One call through the executor; `decode` reads the answer's JSON object.
    func call<T: Sendable>(
        _ method: String, _ path: String, body: [String: Any]? = nil, repeatable: Bool = true,
        decode: @escaping @Sendable ([String: Any]) throws -> T
    ) async throws -> T {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]) }
        do {
            let value = try await executor.getDated(
                path, stream: "contacts", log: log, method: method, body: data, repeatable: repeatable,
                decode: { try decode(try GHLMapper.object($0)) }
            ).value
            keepLog()
            return value
        } catch {
            keepLog()
            throw error
        }
    }

    /// Moves the buffered lines to the store's sync log (dropped without a store: the file log has them).
    func keepLog() {
        let lines = log.drain()
        guard let store, !lines.isEmpty else { return }
        let stream = BillingStore.ghlLogStream(locationID: source.locationID)
        try? store.appendLog(
            lines.map {
                var line = $0
                line.sourceID = nil
                line.stream = stream
                return line
            })
    }

    /// An id in a path: only unreserved characters pass as they are.
    static func escape(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
