import Foundation
import Sandbox

/// Which invoice pages `billtop-bench sandbox` asks for: Chargify pages by number (wrapping around the
/// listing), Truto pages by following `next_cursor` from the first page (starting again at the end),
/// over HTTP or in process.
struct BenchSandboxPager: Sendable {
    let api: String
    let perPage: Int
    /// Chargify only: Truto's unified invoices always carry lines and payments.
    let lineItems: Bool
    let invoiceCount: Int
    let account: String

    private var isTruto: Bool { api == "truto" }
    private var path: String { isTruto ? "/unified/subscription-management/invoices" : "/invoices.json" }

    /// The query of Chargify page `index` (0-based; wraps past the last full page).
    private func chargifyQuery(_ index: Int) -> String {
        "page=\(index % max(1, invoiceCount / perPage) + 1)&per_page=\(perPage)"
            + (lineItems ? "&line_items=true&payments=true" : "")
    }

    /// The query of the Truto page after `cursor` (the first page when nil).
    private func trutoQuery(after cursor: String?) -> String {
        "integrated_account_id=\(account)&" + (cursor.map { "next_cursor=\($0)" } ?? "limit=\(perPage)")
    }

    /// Fetches `pages` pages over HTTP; returns the bytes received and the non-200 answers.
    func overHTTP(_ http: BenchSandboxHTTP, pages: Int, concurrency: Int) async throws -> (bytes: Int, failures: Int) {
        if isTruto {
            var total = (bytes: 0, failures: 0)
            var cursor: String?
            for _ in 0..<pages {
                let (status, body) = try await http.get(path + "?" + trutoQuery(after: cursor))
                total.bytes += body.count
                if status != 200 { total.failures += 1 }
                cursor = Self.nextCursor(Array(body))
            }
            return total
        }
        return try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var part = (0, 0)
                    for index in stride(from: worker, to: pages, by: concurrency) {
                        let (status, body) = try await http.get(path + "?" + chargifyQuery(index))
                        part.0 += body.count
                        if status != 200 { part.1 += 1 }
                    }
                    return part
                }
            }
            var total = (bytes: 0, failures: 0)
            for try await part in group { total = (total.bytes + part.0, total.failures + part.1) }
            return total
        }
    }

    /// Builds the same pages in process, one after another; returns the bytes built.
    func inProcess(_ server: SandboxServer, pages: Int) async -> Int {
        var bytes = 0
        var cursor: String?
        for index in 0..<pages {
            let body = await server.localGet(
                path: path, query: isTruto ? trutoQuery(after: cursor) : chargifyQuery(index)
            ).body
            bytes += body.count
            if isTruto { cursor = Self.nextCursor(body) }
        }
        return bytes
    }

    /// The `next_cursor` of a Truto envelope (it follows the result array, so the search runs from the end).
    static func nextCursor(_ body: [UInt8]) -> String? {
        let needle = Array("\"next_cursor\":\"".utf8)
        var start = body.count - needle.count
        while start >= 0 {
            if body[start] == needle[0], body[start..<(start + needle.count)].elementsEqual(needle) {
                let value = body[(start + needle.count)...]
                return value.firstIndex(of: UInt8(ascii: "\"")).map { String(decoding: value[..<$0], as: UTF8.self) }
            }
            start -= 1
        }
        return nil
    }
}
