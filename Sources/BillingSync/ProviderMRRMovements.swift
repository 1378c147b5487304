import BillingCore
import BillingStore
import Foundation
import Logging

/// Chargify's own MRR movements (`GET /mrr_movements.json`, deprecated but answered by many sites), read for
/// `billtop mrr --cross-check`: every page (at most 50 movements each, `maximumPages` pages at most) through the
/// same request path as a sync (retries, origin and redirect rules, the key sent only to the configured
/// origin, redaction, the response cap).
public enum ProviderMRRMovements {
    public enum Answer: Sendable {
        case movements([MovementCrossCheck.ProviderMovement], skipped: Int)
        /// The site answered 404 or 410: it no longer offers the endpoint.
        case gone(status: Int)
    }

    static let perPage = 50
    static let maximumPages = 400

    /// Reads every page of the source's movements. Truto has no such resource (callers say so themselves).
    public static func read(_ config: SourceConfig, transport: any Transport = URLSessionTransport()) async throws
        -> Answer
    {
        let info = SourceInfo(
            id: 0, name: config.name, kind: config.kind.rawValue, baseURL: config.baseURL, account: config.account)
        let executor = RequestExecutor(
            source: info, transport: transport, maxInFlight: 1, policy: RetryPolicy(), clock: SystemClock(),
            headers: ["Authorization": "Basic " + Data("\(config.secret):x".utf8).base64EncodedString()],
            redactor: SecretRedactor(secrets: [config.secret]), logger: Logger(label: "billtop.cross-check"),
            seed: 0x21, requestsPerHour: config.requestsPerHour, maxResponseBytes: config.maxResponseBytes,
            urlRefusal: SyncRunner.urlRefusal(config), report: { _ in })
        let log = LogBuffer()
        var movements: [MovementCrossCheck.ProviderMovement] = []
        var skipped = 0
        for page in 1...maximumPages {
            let path = "/mrr_movements.json?" + Query.make([("page", "\(page)"), ("per_page", "\(perPage)")])
            let parsed: Page
            do {
                parsed = try await executor.get(path, stream: "mrr_movements", log: log) { try Self.page($0) }
            } catch SyncError.rejected(let status, _, _) where status == 404 || status == 410 {
                return .gone(status: status)
            }
            movements += parsed.movements
            skipped += parsed.skipped
            if parsed.count < perPage || parsed.totalPages.map({ page >= $0 }) ?? false {
                return .movements(movements, skipped: skipped)
            }
        }
        throw SyncError.pagingLoop("/mrr_movements.json did not end after \(maximumPages) pages")
    }

    struct Page: Sendable {
        var movements: [MovementCrossCheck.ProviderMovement] = []
        /// Elements on the page, read or not (a short page ends the listing).
        var count = 0
        /// Movements without a readable category, time or amount: counted, never guessed.
        var skipped = 0
        var totalPages: Int?
    }

    /// One page: `{"mrr": {"movements": [...], "total_pages": n, "currency": "USD"}}`; a movement's own
    /// `currency` wins over the page's. Amounts are signed in the API (a churn is negative): kept as magnitudes.
    static func page(_ data: Data) throws -> Page {
        guard let root = try JSONBody.parse(data).objectValue, let mrr = root["mrr"]?.objectValue,
            let list = mrr["movements"]?.arrayValue
        else { throw JSONBody.NotJSON() }
        var envelope = JSONObject(mrr)
        let pageCurrency = envelope.has("currency") ? Currency(envelope.string("currency")) : nil
        var page = Page(count: list.count, totalPages: envelope.int("total_pages").map { Int(clamping: $0) })
        for element in list {
            guard let fields = element.objectValue else {
                page.skipped += 1
                continue
            }
            var o = JSONObject(fields["movement"]?.objectValue ?? fields)
            let currency = o.has("currency") ? Currency(o.string("currency")) : pageCurrency
            guard let currency, let kind = MovementCrossCheck.ProviderMovement.kind(category: o.string("category")),
                let at = o.time("timestamp"), let cents = o.int("amount_in_cents"), cents != Int64.min
            else {
                page.skipped += 1
                continue
            }
            page.movements.append(
                MovementCrossCheck.ProviderMovement(
                    day: at.utcDate, kind: kind, amount: Money(minorUnits: abs(cents), currency: currency)))
        }
        return page
    }
}
