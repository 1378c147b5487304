import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The loopback HTTP client of `billtop-bench sandbox`: one session, one credential.
struct BenchSandboxHTTP: Sendable {
    let base: String
    let authorization: String
    let session = URLSession(configuration: .ephemeral)

    /// Status and body of `GET base + pathAndQuery`.
    func get(_ pathAndQuery: String) async throws -> (status: Int, body: Data) {
        guard let url = URL(string: base + pathAndQuery) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.setValue(authorization, forHTTPHeaderField: "Authorization")
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }
}
