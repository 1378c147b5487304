import BillingCore
import BillingStore
import Foundation

extension ActionRunner {
    /// Performs an action that arrived with its own token (a team viewer's request, performed by `billtop
    /// serve`). The journal row carrying that token decides, so a request taken again after a crash acts once:
    /// answered already, its outcome is returned and nothing is sent; sent and never answered, it is sent again
    /// with the same token (the provider then says it was already done); not journalled, it is checked with this
    /// runner's rules, journalled under the token, and sent.
    public func perform(_ action: Action, token: String) async throws -> ActionResult {
        if let entry = try await store.action(token: token) {
            guard entry.sourceID == source.id, entry.kind == action.kind.rawValue, entry.objectID == action.objectID,
                entry.parameters == action.parametersJSON
            else {
                throw ActionProblem("the request's token belongs to another action in the journal; refused")
            }
            guard entry.state.isFinal else { return await send(entry, resumed: entry.sends > 0) }
            let outcome = ActionOutcome(state: entry.state, status: entry.providerStatus, message: entry.message)
            return ActionResult(entry: entry, outcome: outcome, resumed: true, reread: nil)
        }
        try check(action)
        let draft = BillingStore.ActionDraft(
            sourceID: source.id, kind: action.kind.rawValue, objectKind: action.kind.target.rawValue,
            objectID: action.objectID, customerID: action.customerID, parameters: action.parametersJSON, who: who,
            host: host)
        let entry = try await store.beginAction(draft, token: token, now: Date())
        return await send(entry, resumed: false)
    }

    /// Reads one record from the provider into the store (a webhook named it): "" when stored, else the line
    /// that says why not (the next sync round brings it).
    public func refresh(_ target: ActionKind.Target, id: String) async -> String {
        switch await readBack(target, id: id) {
        case .success: ""
        case .failure(let problem): problem.description
        }
    }
}
