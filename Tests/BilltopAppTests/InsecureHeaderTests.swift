import BillingCore
import BillingStore
import Foundation
import TUIKit
import Testing

@testable import BilltopApp

/// A source whose key travels over plain http (`allow_insecure_http = true`) says so in the header,
/// beside its name; a secure one does not.
struct InsecureHeaderTests {
    func header(_ sources: [SyncOverview.Source]) -> String {
        var s = AppState(width: 120, height: 40, now: Fixtures.now)
        s.sync = SyncOverview(sources: sources)
        var grid = CellGrid(width: 120, height: 1)
        HeaderView.render(s, into: &grid, rect: grid.bounds)
        return grid.text
    }

    @Test func anInsecureSourceIsMarkedInTheHeader() {
        let text = header([
            SyncOverview.Source(name: "acme", kind: "chargify", insecure: true),
            SyncOverview.Source(name: "globex", kind: "truto"),
        ])
        #expect(text.contains("acme (chargify, insecure http)"))
        #expect(text.contains("globex (truto)"))
    }

    @Test func theFlagComesFromTheStoredURL() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "billtop-header-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try BillingStore.open(path: directory.appendingPathComponent("store.sqlite").path)
        try store.registerSource(name: "acme", kind: "chargify", baseURL: "http://acme.example.com")
        try store.registerSource(name: "local", kind: "chargify", baseURL: "http://127.0.0.1:4000")
        try store.registerSource(name: "tls", kind: "chargify", baseURL: "https://tls.example.com")
        let sources = try StoreSnapshotBuilder.syncOverview(store: store).sources
        #expect(sources.map(\.name) == ["acme", "local", "tls"])
        #expect(sources.map(\.insecure) == [true, false, false])
    }
}
