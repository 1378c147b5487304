import BillingCore
import BilltopApp
import Foundation
import TUIKit

#if canImport(CDispatch)
    // On Linux `timespec` resolves to CDispatch's copy of the C type, whose members need its module imported.
    import CDispatch
#endif

/// Search keystrokes of `billtop-bench tui` by what is typed: first names, last names, emails, organisations
/// and invoice numbers as they occur in the store (issue 22: names as they occur, not only "Customer N").
struct BenchTUISearchKinds {
    /// One kind of text and the samples typed, letter by letter.
    struct Kind {
        let name: String
        let texts: [String]
    }

    /// One keystroke's figures: wall time to the flushed frame, the process's CPU for it, and what was typed.
    struct Sample {
        let ms: Double
        let cpuMs: Double
        let typed: String
    }

    /// `perKind` samples of each kind, spread evenly over the customers pane's default order (and the invoices
    /// pane's for numbers), read one row at a time so the bench holds no copy of the store.
    static func kinds(_ data: StoreDashboardData, asOf: LocalDate, perKind: Int) throws -> [Kind] {
        let customerTotal = try data.customers(CustomerQuery(), offset: 0, limit: 1).total
        var rows: [CustomerRow] = []
        for k in 1...perKind {
            if let row = try data.customers(CustomerQuery(), offset: customerTotal * k / (perKind + 1), limit: 1)
                .rows.first
            {
                rows.append(row)
            }
        }
        let invoiceQuery = InvoiceQuery(asOf: asOf)
        let invoiceTotal = try data.invoices(invoiceQuery, offset: 0, limit: 1).page.total
        var numbers: [String] = []
        for k in 1...perKind {
            if let row = try data.invoices(invoiceQuery, offset: invoiceTotal * k / (perKind + 1), limit: 1).page.rows
                .first
            {
                numbers.append(row.number)
            }
        }
        func words(_ name: String) -> [Substring] { name.split(separator: " ") }
        let kinds = [
            Kind(name: "first names", texts: rows.compactMap { words($0.name).first.map(String.init) }),
            Kind(name: "last names", texts: rows.compactMap { words($0.name).dropFirst().last.map(String.init) }),
            Kind(name: "emails", texts: rows.map(\.email)),
            Kind(name: "organisations", texts: rows.map(\.organization)),
            Kind(name: "invoice numbers", texts: numbers),
        ]
        return kinds.map { Kind(name: $0.name, texts: $0.texts.filter { !$0.isEmpty }) }
    }

    /// Types each text of `kind` into the open search prompt, letter by letter, clearing it after each one.
    /// `key` runs one keystroke to its flushed frame.
    static func type(_ kind: Kind, key: (KeyEvent) throws -> Void) throws -> [Sample] {
        var samples: [Sample] = []
        for text in kind.texts {
            var typed = ""
            for character in text.lowercased() {
                typed.append(character)
                let cpu = cpuMilliseconds()
                let start = ContinuousClock.now
                try key(.char(character))
                let (s, a) = (ContinuousClock.now - start).components
                samples.append(
                    Sample(ms: Double(s) * 1000 + Double(a) / 1e15, cpuMs: cpuMilliseconds() - cpu, typed: typed))
            }
            try key(.ctrl("u"))
        }
        return samples
    }

    /// "p50, p99, max, CPU per key, slowest prefix" of one kind's keystrokes.
    static func summary(_ samples: [Sample]) -> String {
        guard !samples.isEmpty else { return "no samples" }
        let sorted = samples.map(\.ms).sorted()
        func at(_ p: Double) -> String {
            String(format: "%.2f", sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))])
        }
        let cpu = samples.map(\.cpuMs).reduce(0, +) / Double(samples.count)
        let slowest = samples.max { $0.ms < $1.ms }!
        // On a loaded machine the wall-clock tail is mostly waiting for a core: the costliest keys by CPU say
        // what an idle machine's tail would be.
        let costly = samples.sorted { $0.cpuMs > $1.cpuMs }.prefix(3).map {
            "'\($0.typed)' \(String(format: "%.1f", $0.cpuMs)) ms"
        }
        return
            "p50 \(at(0.5)) ms, p99 \(at(0.99)) ms, max \(at(1.0)) ms, CPU \(String(format: "%.2f", cpu)) ms per key (\(samples.count) keys); slowest '\(slowest.typed)'; most CPU \(costly.joined(separator: ", "))"
    }

    /// CPU time of the whole process (user + system): the search runs on the effect worker's thread.
    static func cpuMilliseconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1e6
    }
}
