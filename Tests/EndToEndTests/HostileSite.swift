import BillingStore
import BillingSync
import Foundation
import TestSupport

/// Helpers for the transport's hostile-server tests: answers of an empty Chargify or Truto site, and a
/// store and runner in a scratch directory.
enum HostileSite {
    /// Every listing empty (`{"invoices": []}` for invoices, `[]` for the rest): a site a sync finishes on.
    static func emptyChargify(_ request: HostileHTTPServer.Request) -> HostileHTTPServer.Response {
        request.path.hasSuffix("/invoices.json") ? .json(#"{"invoices":[]}"#) : .json("[]")
    }

    /// An empty Truto cursor envelope.
    static func emptyTruto(_ request: HostileHTTPServer.Request) -> HostileHTTPServer.Response {
        .json(#"{"result":[],"next_cursor":null}"#)
    }

    /// A fresh store in a scratch directory.
    static func store(_ label: String) throws -> BillingStore {
        try BillingStore.open(path: TestScratch.directory(label).appendingPathComponent("store.sqlite").path)
    }

    /// A runner with the real transport and quick retries (a test that wrongly retried still ends soon).
    static func runner(_ store: BillingStore, _ config: SourceConfig) throws -> SyncRunner {
        try SyncRunner(store: store, sources: [config], transport: URLSessionTransport(), policy: .fast)
    }

    /// A Chargify source at `server` with the key "k3y".
    static func chargify(_ baseURL: String, pageSize: Int = 200, maxResponseBytes: Int = ResponseLimit.defaultBytes)
        -> SourceConfig
    {
        SourceConfig(
            name: "acme", kind: .chargify, baseURL: baseURL, secret: "k3y", maxInFlight: 1, pageSize: pageSize,
            maxResponseBytes: maxResponseBytes)
    }
}
