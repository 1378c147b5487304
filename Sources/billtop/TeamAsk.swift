import ArgumentParser
import BillingCore
import BillingStore
import Foundation

/// How a shell command on a team store asks billtop serve and reports, one way for billing actions, CRM writes and
/// links: the request queued (said on stderr with its token's first characters), serve's outcome waited for and
/// printed (or its JSON), the exit status taken from it.
enum TeamAsk {
    /// Asks on an open team store.
    static func ask(_ draft: ActionRequestDraft, on store: PostgresStore, wait: Int, json: Bool) async throws {
        let status = try await answer(draft, on: store, wait: wait)
        print(json ? TeamAction.json(status) : TextSanitizer.clean(status.outcome))
        guard status.state == "succeeded" else {
            let code: ExitStatus = status.providerStatus == 401 || status.providerStatus == 403 ? .auth : .failure
            throw ExitCode(code.rawValue)
        }
    }

    /// Queues the request, says so on stderr, and returns serve's answer; one line (exit status 69) when serve
    /// has not answered within `wait` seconds.
    static func answer(_ draft: ActionRequestDraft, on store: PostgresStore, wait: Int) async throws
        -> ActionRequestStatus
    {
        let (id, answer) = try await TeamAction.queue(draft, on: store, wait: .seconds(max(1, wait))) { id in
            FileHandle.standardError.write(
                Data("queued as request \(id) (token \(draft.token.prefix(8))…); waiting for billtop serve\n".utf8))
        }
        guard let status = answer else { throw CommandFailure(TeamAction.unanswered(id), status: .network) }
        return status
    }

    /// Asks on the team store at `url`, opened for this request, with the draft made for its source `name`.
    static func ask(
        _ draft: (SourceInfo) -> ActionRequestDraft, source name: String, url: PostgresStoreURL, wait: Int, json: Bool
    ) async throws {
        let store: PostgresStore
        do { store = try await PostgresStore.openForReading(url) } catch {
            throw CommandFailure(String(describing: error), status: .store)
        }
        do {
            let sources: [SourceInfo]
            do { sources = try await store.sources() } catch let refused as PostgresStoreError {
                throw CommandFailure(refused.message, status: .store)
            }
            guard let source = sources.first(where: { $0.name == name }) else {
                throw CommandFailure("source \(TextSanitizer.clean(name)) is not in the team store", status: .store)
            }
            try await ask(draft(source), on: store, wait: wait, json: json)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}
