import BillingServe
import BillingStore
import Logging

/// What this build's serve does for the work it schedules: nothing yet, said plainly. The PostgreSQL
/// implementations of the sync runner's pages and of the actions journal come on another branch; the lead
/// replaces this with the `ServeWork` built on them. Until then no request is sent (its outcome says so and
/// the viewer may ask again later), and no round fetches.
struct UnwiredServeWork: ServeWork {
    let logger: Logger

    func syncRound(source: SourceInfo) async throws {
        logger.notice("sync round of \(source.name): not run (this build's serve has no PostgreSQL fetcher yet)")
    }

    func reread(source: SourceInfo, targets: [WebhookTarget]) async throws {
        logger.notice(
            "re-read of \(targets.map(\.description).joined(separator: ", ")) in \(source.name): not run (no PostgreSQL fetcher yet)"
        )
    }

    func perform(_ request: QueuedActionRequest, source: SourceInfo) async -> ActionRequestOutcome {
        ActionRequestOutcome(
            state: .failed,
            message:
                "not performed: this billtop serve cannot act on a PostgreSQL store yet; nothing was sent, ask again after upgrading serve"
        )
    }
}
