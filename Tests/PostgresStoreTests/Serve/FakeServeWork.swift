import BillingServe
import BillingStore

/// What the fake provider and fetcher saw, shared by every serve of a test: sync rounds in order (to see that
/// two never overlap), re-reads, and each attempt at an action with its token. The provider acts once per
/// token and answers a repeat "already done", as Chargify answers a repeated uniqueness token with a 409.
actor FakeLedger {
    enum RoundEvent: Equatable { case start(String), end(String) }

    private(set) var rounds: [RoundEvent] = []
    private(set) var rereads: [[WebhookTarget]] = []
    private(set) var attempts: [(token: String, resumed: Bool, by: String)] = []
    private(set) var acted: [String: Int] = [:]
    /// How many times a serve tidied the store (`ServeWork.tidy`).
    private(set) var tidies = 0

    func tidied() { tidies += 1 }

    func roundStarted(_ serve: String) { rounds.append(.start(serve)) }
    func roundEnded(_ serve: String) { rounds.append(.end(serve)) }
    func reread(_ targets: [WebhookTarget]) { rereads.append(targets) }

    /// Records the attempt; true when the provider acts (the token is new to it).
    func attempt(_ token: String, resumed: Bool, by serve: String) -> Bool {
        attempts.append((token, resumed, serve))
        let first = acted[token] == nil
        acted[token, default: 0] += first ? 1 : 0
        return first
    }

    func roundCount(by serve: String) -> Int { rounds.filter { $0 == .start(serve) }.count }

    /// True when some round started while another serve's round had not ended.
    var roundsOverlapped: Bool {
        var open: String?
        for event in rounds {
            switch event {
            case .start(let serve):
                if open != nil { return true }
                open = serve
            case .end(let serve):
                if open != serve { return true }
                open = nil
            }
        }
        return false
    }
}

/// One serve's work, recording into the shared ledger under the serve's name.
struct FakeServeWork: ServeWork {
    let name: String
    let ledger: FakeLedger

    func syncRound(source: SourceInfo) async throws {
        await ledger.roundStarted(name)
        await ledger.roundEnded(name)
    }

    func reread(source: SourceInfo, targets: [WebhookTarget]) async throws {
        await ledger.reread(targets)
    }

    func perform(_ request: QueuedActionRequest, source: SourceInfo) async -> ActionRequestOutcome {
        let acted = await ledger.attempt(request.token, resumed: request.resumed, by: name)
        return ActionRequestOutcome(
            state: .succeeded, message: acted ? "done: \(request.kind)" : "already done: \(request.kind)",
            providerStatus: acted ? 200 : 409)
    }

    func tidy() async { await ledger.tidied() }
}
