import BillingCore
import BillingStore
import BilltopApp
import Dispatch
import Synchronization

/// The dashboard's data with each call timed: what the first frame waits for, call by call (the loop's worker
/// makes them one at a time, so the first frame is their sum plus drawing), while the store's pages are cold.
final class TimedDashboardData: DashboardData {
    let data: any DashboardData
    private let calls = Mutex<[(name: String, ms: Double)]>([])

    init(_ data: any DashboardData) { self.data = data }

    /// The calls made since the last `take`, in order, and forgets them.
    func take() -> [(name: String, ms: Double)] {
        calls.withLock { list in
            defer { list = [] }
            return list
        }
    }

    private func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            calls.withLock { $0.append((name, (ms * 100).rounded() / 100)) }
        }
        return try body()
    }

    func customers(_ query: CustomerQuery, offset: Int, limit: Int) throws -> RowWindow<CustomerRow> {
        try timed("customers") { try data.customers(query, offset: offset, limit: limit) }
    }

    func invoices(_ query: InvoiceQuery, offset: Int, limit: Int) throws -> InvoicePage {
        try timed("invoices") { try data.invoices(query, offset: offset, limit: limit) }
    }

    func dunning(asOf: LocalDate, limit: Int) throws -> DunningOverview {
        try timed("dunning") { try data.dunning(asOf: asOf, limit: limit) }
    }

    func mrr(asOf: LocalDate) throws -> MRROverview {
        try timed("mrr") { try data.mrr(asOf: asOf) }
    }

    func customer(_ key: CustomerKey, asOf: LocalDate) throws -> CustomerProfile? {
        try timed("customer") { try data.customer(key, asOf: asOf) }
    }

    func syncStatus() throws -> SyncOverview {
        try timed("sync status") { try data.syncStatus() }
    }

    func sourceHealth(now: Timestamp) throws -> [SourceHealth] {
        try timed("health") { try data.sourceHealth(now: now) }
    }
}
