import BillingActions
import BillingCore
import BilltopApp
import Synchronization

/// An action desk that records what it is asked to send and answers as told: the dashboard's side of the
/// actions, without a provider (the end-to-end tests use the real `ActionDesk` on the sandbox).
final class RecordingDesk: ActionPerforming {
    let availability: ActionAvailability
    private let answer: ActionReport
    private let unfinished: [ActionReport]
    private let sent = Mutex<[(BillingActions.Action, String)]>([])
    private let crmSent = Mutex<[(CRMWrite, String)]>([])

    init(
        availability: ActionAvailability = ActionAvailability(kindReasons: ["acme": [:]]),
        answer: ActionReport = ActionReport(lines: ["done: as asked"], succeeded: true),
        unfinished: [ActionReport] = []
    ) {
        self.availability = availability
        self.answer = answer
        self.unfinished = unfinished
    }

    var calls: [(action: BillingActions.Action, source: String)] { sent.withLock { $0.map { ($0.0, $0.1) } } }

    func perform(_ action: BillingActions.Action, source: String) async -> ActionReport {
        sent.withLock { $0.append((action, source)) }
        return answer
    }

    var crmCalls: [(write: CRMWrite, source: String)] { crmSent.withLock { $0.map { ($0.0, $0.1) } } }

    func performCRM(_ write: CRMWrite, source: String) async -> ActionReport {
        crmSent.withLock { $0.append((write, source)) }
        return answer
    }

    private let linked = Mutex<[(CustomerKey, String)]>([])
    var linkCalls: [(key: CustomerKey, contact: String)] { linked.withLock { $0.map { ($0.0, $0.1) } } }

    func linkContact(_ key: CustomerKey, contact: String) async -> ActionReport {
        linked.withLock { $0.append((key, contact)) }
        return answer
    }

    func resumePending() async -> [ActionReport] { unfinished }

    func portalLink(customerID: String, source: String) async -> ActionReport {
        ActionReport(lines: ["billing portal: https://portal.example/\(customerID)"], succeeded: true)
    }
}
