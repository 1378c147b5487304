import ArgumentParser
import BillingCore
import BillingStore
import Foundation

/// `billtop audit [--customer ID] [--json|--csv]`: every action attempt in the store's journal, newest first.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List every action attempt: when, who, the object, the token, the outcome.",
        discussion: "Action names (for a source's `actions = [...]` in config.toml): \(ActionKind.names).")

    @Option(name: .long, help: "Only this customer's actions (the provider's customer id).") var customer: String?
    @Option(name: .long, help: "Show at most this many attempts.") var limit = 1_000
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    static let headers = [
        "id", "created", "who", "host", "source", "action", "object", "customer", "state", "status", "sends",
        "duration_ms", "token", "parameters", "message",
    ]

    func run() async throws {
        let db = try await store.openForReading()
        let names = Dictionary(try db.sources().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let entries: [ActionJournalEntry]
        do { entries = try db.actions(customerID: customer, limit: max(1, limit)) } catch {
            throw CommandFailure("cannot read the journal of \(db.path): \(error)", status: .store)
        }
        let rows = entries.map { e -> [String] in
            [
                "\(e.id)", Self.time(e.createdAt), e.who, e.host, names[e.sourceID] ?? "\(e.sourceID)", e.kind,
                e.objectID.isEmpty ? e.objectKind : "\(e.objectKind) \(e.objectID)", e.customerID ?? "",
                e.state.rawValue, e.providerStatus.map { "\($0)" } ?? "", "\(e.sends)",
                e.durationMs.map { "\($0)" } ?? "", e.token, e.parameters, e.message,
            ]
        }
        if rows.isEmpty && !output.json && !output.csv {
            print("no actions recorded" + (customer.map { " for customer \(TextSanitizer.clean($0))" } ?? ""))
            return
        }
        print(ReadOutput(headers: Self.headers, rows: rows).render(output), terminator: "")
    }

    /// "2026-06-01T12:00:00.123Z" (UTC, milliseconds).
    static func time(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
