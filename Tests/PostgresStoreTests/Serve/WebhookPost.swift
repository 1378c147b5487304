import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Posts a webhook to a serve on loopback as a provider would, returning the HTTP status.
enum WebhookPost {
    static func send(port: Int, path: String, body: [UInt8], headers: [String: String]) async throws -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (_, response) = try await session.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}
