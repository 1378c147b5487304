import ArgumentParser
import BillingCore
import BillingStore
import Foundation

/// `billtop customers QUERY`: type-ahead search over the store, as a table, JSON or CSV.
struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers", abstract: "Search customers in the store.")

    @Argument(help: "Words to find in name, email, organization, reference or invoice number (prefixes match).")
    var query: [String] = []
    @Option(help: "Most rows to print.") var limit = 50
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let words = SearchWords.count(query.joined(separator: " "))
        if words > SearchWords.limit {
            FileHandle.standardError.write(
                Data(
                    "note: a search uses its first \(SearchWords.limit) words; the other \(words - SearchWords.limit) were ignored\n"
                        .utf8))
        }
        if case .postgres(let url, _) = try store.choice() {
            try await searchPostgres(url)
            return
        }
        let db = try store.open(mustExist: true)
        let sources = Dictionary(uniqueKeysWithValues: try db.sources().map { ($0.id, $0.name) })
        let found =
            query.isEmpty
            ? try db.customers(limit: limit).items
            : try db.searchCustomers(query: query.joined(separator: " "), limit: limit)
        print(render(found, sources: sources), terminator: "")
    }

    /// The table (or JSON, or CSV) of `found`, each row naming its source; the same on both engines.
    func render(_ found: [Stored<Customer>], sources: [Int64: String]) -> String {
        let rows = found.map { c in
            [
                sources[c.key.sourceID] ?? "", c.value.id, c.value.displayName, c.value.email, c.value.organization,
                c.value.reference,
            ]
        }
        return ReadOutput(headers: ["source", "id", "name", "email", "organization", "reference"], rows: rows).render(
            output)
    }
}
