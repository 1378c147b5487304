import BillingCore
import BillingStore
import BillingSync
import Foundation

/// Writes to GHL exactly once, the way `ActionRunner` acts on billing: each write is journalled before its
/// request leaves, and an attempt left without a clear answer (a crash, a cut connection, a 5xx after GHL
/// acted) is resumed before a new one is made. GHL has no idempotency key, so a resumed attempt looks first:
/// it lists the contact's notes or tasks and, when one made by this attempt is there (same text, not among
/// those `seen` before the first send), records it as already done and sends nothing. Either engine: one
/// person's SQLite store, or the team store, where `billtop serve` performs a viewer's requested write under the
/// token the viewer made.
public struct CRMWriteRunner: Sendable {
    public let store: any RecordStore & CRMRecords
    public let ghl: GHLClient
    /// The billing source the customer belongs to: the journal's rows are kept under it.
    public let sourceID: Int64
    public let who: String
    public let host: String
    /// Looks and sends within one attempt when answers stay unclear, and the pause before each repeat.
    public var rounds = 3
    public var pauseSeconds = 0.2

    public init(
        store: any RecordStore & CRMRecords, ghl: GHLClient, sourceID: Int64, who: String = ActionRunner.osUser(),
        host: String = ActionRunner.hostName()
    ) {
        self.store = store
        self.ghl = ghl
        self.sourceID = sourceID
        self.who = who
        self.host = host
    }

    /// Unfinished CRM writes of the source (journalled or sent, never answered), oldest first.
    public func unfinished(contactID: String? = nil) async throws -> [ActionJournalEntry] {
        try await store.pendingActions(sourceID: sourceID).filter {
            CRMWrite.Kind(rawValue: $0.kind) != nil && (contactID == nil || $0.objectID == contactID)
        }
    }

    /// Resumes the contact's unfinished writes, then makes `write` unless one of them was this very write.
    /// Returns every attempt's result, the one for `write` last. `token` is the write's exactly-once key when the
    /// caller made one (a viewer's request): an attempt already journalled under it is resumed, never begun twice.
    public func perform(_ write: CRMWrite, token: String? = nil) async throws -> [ActionResult] {
        if let token, let journalled = try await store.action(token: token) {
            // Answered already (serve died before it recorded the request's outcome): the journal answers, and
            // nothing is looked at or sent: the note may have been deleted in GHL since, and must not come back.
            guard journalled.state == .pending || journalled.state == .sent else {
                return [
                    ActionResult(
                        entry: journalled,
                        outcome: ActionOutcome(
                            state: journalled.state, status: journalled.providerStatus, message: journalled.message),
                        resumed: true, reread: nil)
                ]
            }
            return [await send(journalled)]
        }
        var results: [ActionResult] = []
        for entry in try await unfinished(contactID: write.contactID) {
            results.append(await send(entry))
            if let earlier = CRMWrite(entry), earlier.isSame(as: write) { return results }
        }
        var write = write
        if write.kind != .completeTask {
            // What the contact already has with this text: a later look must not take one of these for ours.
            write.seen = try await matching(write).sorted()
        }
        let entry = try await store.beginAction(
            BillingStore.ActionDraft(
                sourceID: sourceID, kind: write.kind.rawValue, objectKind: "contact", objectID: write.contactID,
                customerID: write.customerID, parameters: write.parametersJSON, who: who, host: host),
            token: token ?? UUID().uuidString.lowercased(), now: Date())
        if !write.occasion.isEmpty, let twin = write.seen.first {
            // billtop's own write for this occasion is on the contact already (made from another store, or a
            // journal that was lost): the occasion is done; a second task would only be noise for the owner.
            let message = "already done: task \(TextSanitizer.clean(twin)) is on the contact; nothing was sent"
            try await store.finishAction(
                id: entry.id, state: .alreadyDone, providerStatus: nil, message: message, durationMs: 0, now: Date())
            var finished = ((try? await store.action(id: entry.id)) ?? nil) ?? entry
            finished.state = .alreadyDone
            results.append(
                ActionResult(
                    entry: finished, outcome: ActionOutcome(state: .alreadyDone, status: nil, message: message),
                    resumed: false, reread: nil))
            return results
        }
        results.append(await send(entry))
        return results
    }

    /// Sends one journalled write (looking first when it may have been sent before) and records how it ended.
    public func send(_ entry: ActionJournalEntry) async -> ActionResult {
        let started = ContinuousClock.now
        let resumed = entry.sends > 0
        func finish(_ state: ActionJournalEntry.State, _ status: Int?, _ message: String) async -> ActionResult {
            let spent = started.duration(to: .now).components
            let ms = Int(spent.seconds) * 1000 + Int(spent.attoseconds / 1_000_000_000_000_000)
            let clean = TextSanitizer.clean(message)
            try? await store.finishAction(
                id: entry.id, state: state, providerStatus: status, message: clean, durationMs: ms, now: Date())
            var finished = ((try? await store.action(id: entry.id)) ?? nil) ?? entry
            finished.state = state
            return ActionResult(
                entry: finished, outcome: ActionOutcome(state: state, status: status, message: clean),
                resumed: resumed, reread: nil)
        }
        guard let write = CRMWrite(entry) else {
            return await finish(.failed, nil, "unknown CRM write \(entry.kind)")
        }
        var doubt = "not sent yet"
        for round in 0..<max(1, rounds) {
            if resumed || round > 0 {
                do {
                    if let found = try await madeByThisAttempt(write) {
                        return await finish(
                            .alreadyDone, nil, "already done: \(found) is on the contact; nothing was sent")
                    }
                } catch {
                    return await finish(
                        .sent, nil, "\(doubt); could not look at the contact (\(error)): run it again")
                }
                if round > 0 { try? await Task.sleep(nanoseconds: UInt64(pauseSeconds * Double(round) * 1e9)) }
            }
            do {
                try await store.markActionSent(id: entry.id, now: Date())
            } catch {
                return await finish(.failed, nil, "nothing was sent: the journal could not be written (\(error))")
            }
            do {
                let done = try await deliver(write)
                return await finish(.done, 200, done)
            } catch let unanswered as UnansweredWrite {
                doubt = unanswered.description
            } catch SyncError.rejected(let status, let message, _) {
                return await finish(status == 422 || status == 400 ? .refused : .failed, status, message)
            } catch {
                return await finish(.failed, nil, String(describing: error))
            }
        }
        return await finish(
            .sent, nil,
            "\(doubt); run the same command again: billtop looks at the contact before it sends again")
    }

    /// Sends the write and keeps what GHL answered in the store; returns what was done, in words.
    func deliver(_ write: CRMWrite) async throws -> String {
        switch write.kind {
        case .note:
            guard let note = try await ghl.addNote(contactID: write.contactID, body: write.body) else {
                return "note added"
            }
            await keep { try await store.saveCRMNote(note) }
            return "note \(note.id) added"
        case .task:
            guard
                let task = try await ghl.addTask(
                    contactID: write.contactID, title: write.title, body: write.body,
                    dueMilliseconds: write.dueMilliseconds ?? 0, assignedTo: write.assignee)
            else { return "task added" }
            await keep { try await store.saveCRMTask(task) }
            return "task \(task.id) added"
        case .completeTask:
            // Marking complete is the same however often it is sent: no look needed before it.
            guard let task = try await ghl.completeTask(contactID: write.contactID, taskID: write.taskID) else {
                return "task \(write.taskID) completed"
            }
            await keep { try await store.saveCRMTask(task) }
            return "task \(task.id) completed"
        }
    }

    /// Keeps what GHL answered so it shows before the next sync. GHL has acted by now, so a store that cannot
    /// keep it must not turn the write into a failure (a repeat would write it twice): the next sync brings it.
    private func keep(_ save: () async throws -> Void) async {
        try? await save()
    }

    /// The note or task this attempt made, if GHL has it: same text, not among those seen before it was sent.
    func madeByThisAttempt(_ write: CRMWrite) async throws -> String? {
        if write.kind == .completeTask {
            let tasks = try await ghl.tasks(contactID: write.contactID)
            guard let task = tasks.first(where: { $0.id == write.taskID }), task.completed else { return nil }
            await keep { try await store.saveCRMTask(task) }
            return "task \(task.id), completed,"
        }
        let seen = Set(write.seen)
        return try await matching(write).first { !seen.contains($0) }.map {
            "\(write.kind == .note ? "note" : "task") \($0)"
        }
    }

    /// Ids of the contact's notes with the write's body, or tasks with its title and due time.
    func matching(_ write: CRMWrite) async throws -> [String] {
        switch write.kind {
        case .note:
            return try await ghl.notes(contactID: write.contactID).filter { $0.body == write.body }.map(\.id)
        case .task:
            return try await ghl.tasks(contactID: write.contactID).filter {
                // GHL keeps due times to the second.
                $0.title == write.title && $0.dueDate.map { $0 / 1000 } == write.dueMilliseconds.map { $0 / 1000 }
            }.map(\.id)
        case .completeTask:
            return []
        }
    }
}
