import BillingStore
import Foundation

/// A bench's store with one registered Chargify source: at `--db`, or in a temporary directory that
/// `removeIfTemporary()` deletes (so a run leaves nothing behind unless asked to).
struct BenchScratchStore {
    let path: String
    let store: BillingStore
    let source: SourceInfo
    private let scratch: URL?

    init(db: String?) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "billtop-bench-\(UUID().uuidString)")
        scratch = db == nil ? directory : nil
        path = db ?? directory.appendingPathComponent("store.sqlite").path
        store = try BillingStore.open(path: path)
        source = try store.registerSource(name: "bench", kind: "chargify", baseURL: "http://127.0.0.1:1")
    }

    func removeIfTemporary() {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }
}
