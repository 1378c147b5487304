import BillingCore
import BillingStore
import Foundation

/// Keeps the CRM side fresh beside the dashboard: each GHL location is synced at its interval (contacts,
/// users, and the notes and tasks of contacts linked to a customer). Notes and tasks are read for linked
/// contacts only, so the first run waits until billing customers are in the store (the demo starts empty).
public struct GHLDriver: Sendable {
    let store: BillingStore
    let sources: [GHLSource]
    let transport: any Transport
    /// Customers to wait for before the first run (the demo's company size); nil: start at once.
    let waitForCustomers: Int?

    public init(store: BillingStore, sources: [GHLSource], transport: any Transport, waitForCustomers: Int? = nil) {
        self.store = store
        self.sources = sources
        self.transport = transport
        self.waitForCustomers = waitForCustomers
    }

    /// Runs until cancelled. `changed` follows every run that stored something; `failed` gets each new
    /// failure's line once (a location that keeps failing the same way is not repeated every interval).
    public func run(changed: @escaping @Sendable () -> Void, failed: @escaping @Sendable (String) -> Void) async {
        guard !sources.isEmpty else { return }
        if let wanted = waitForCustomers {
            // Bounded: ten minutes of a slow first sync, then the CRM syncs with what there is.
            for _ in 0..<1_200 where ((try? store.customerCount()) ?? 0) < wanted && !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
        var lastFailure: [String: String] = [:]
        while !Task.isCancelled {
            for source in sources {
                do {
                    let result = try await GHLSync(
                        store: store, client: GHLClient(source: source, transport: transport)
                    ).run()
                    lastFailure[source.name] = nil
                    if result.contacts > 0 || result.activityContacts > 0 { changed() }
                } catch {
                    let line =
                        "GHL \(TextSanitizer.clean(source.name)): \(TextSanitizer.clean(String(describing: error)))"
                    if lastFailure[source.name] != line { failed(line) }
                    lastFailure[source.name] = line
                }
            }
            let interval = sources.map(\.intervalSeconds).min() ?? 300
            try? await Task.sleep(for: .seconds(max(5, interval)))
        }
    }
}
