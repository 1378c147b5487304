import Foundation

/// Loads the component price points and coupons once per run, on first need (a run with no changed
/// subscription never asks for them, keeping a no-change run at one request per stream).
actor CatalogueLoader {
    private var loading: Task<Catalogue, any Error>?
    private let load: @Sendable (LogBuffer) async throws -> Catalogue

    init(load: @escaping @Sendable (LogBuffer) async throws -> Catalogue) { self.load = load }

    /// The run's catalogue; the first caller's `log` gets the catalogue's request lines. Callers that ask
    /// while it loads wait for the same load (pages read ahead would otherwise each read the catalogue).
    func catalogue(log: LogBuffer) async throws -> Catalogue {
        // A cancelled caller (a stopped sync) cancels the load rather than leave it running.
        if let loading { return try await loading.valuePassingCancellation() }
        let task = Task { [load] in try await load(log) }
        loading = task
        do {
            return try await task.valuePassingCancellation()
        } catch {
            // A failed load (retries exhausted) is not kept: the next page tries again.
            if loading == task { loading = nil }
            throw error
        }
    }

    /// Forget it: the next run reloads (prices and coupons change rarely, but they do change).
    func reset() { loading = nil }
}
