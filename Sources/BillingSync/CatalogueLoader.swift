import Foundation

/// Loads the component price points and coupons once per run, on first need (a run with no changed
/// subscription never asks for them, keeping a no-change run at one request per stream).
actor CatalogueLoader {
    private var loaded: Catalogue?
    private let load: @Sendable () async throws -> Catalogue

    init(load: @escaping @Sendable () async throws -> Catalogue) { self.load = load }

    func catalogue() async throws -> Catalogue {
        if let loaded { return loaded }
        let fresh = try await load()
        loaded = fresh
        return fresh
    }

    /// Forget it: the next run reloads (prices and coupons change rarely, but they do change).
    func reset() { loaded = nil }
}
