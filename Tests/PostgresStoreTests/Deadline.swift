/// Runs `body`, failing with `what` if it has not finished after `seconds`: a guard so that a broken
/// notification path fails the test instead of hanging the run, not a timing assertion (a healthy run finishes
/// in milliseconds).
struct DeadlinePassed: Error, CustomStringConvertible {
    let description: String
}

func withDeadline<Value: Sendable>(
    _ seconds: Int, _ what: String, _ body: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    try await withThrowingTaskGroup(of: Value?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw DeadlinePassed(description: "\(what): nothing after \(seconds) s")
        }
        return value
    }
}
