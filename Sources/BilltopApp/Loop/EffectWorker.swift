import Foundation

/// Runs the loop's slow effects (pane queries, exports) on a thread of its own, one at a time, and posts each
/// result into the event queue, so the UI loop never waits for the store (docs/dev/CODEBASE.md).
///
/// A pane's query that has not started yet is replaced by a newer one for the same pane (latest wins): a burst
/// of scroll keys while a query runs costs one more query, not one per key. Exports are never replaced. One
/// job at a time keeps the store's reads in order and off each other's locks; the thread lives while
/// there is work and two seconds after, so an idle dashboard holds none.
final class EffectWorker: @unchecked Sendable {
    /// What a job fills: a queued job with the same slot is replaced by a newer one. Exports have none.
    enum Slot: Hashable, Sendable { case customers, invoices, dunning, mrr, customer, sync, health, actionTarget }

    struct Job: Sendable {
        var slot: Slot?
        var work: @Sendable () -> Action
    }

    private let events: EventQueue
    // `queue` and `running` are guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [Job] = []
    /// A thread exists (working, or idle and waiting for the next job).
    private var running = false
    /// The thread waits with nothing queued: every submitted job has run and posted its result.
    private var idle = false
    /// How long an idle thread waits for the next job before it ends.
    static let keepAlive: TimeInterval = 2

    init(events: EventQueue) { self.events = events }

    /// Queues a job (replacing a queued one for the same slot) and starts the thread if none runs.
    func submit(_ job: Job) {
        condition.lock()
        defer { condition.unlock() }
        if let slot = job.slot, let queued = queue.firstIndex(where: { $0.slot == slot }) {
            queue[queued] = job
        } else {
            queue.append(job)
        }
        guard !running else {
            idle = false
            condition.broadcast()  // an idle thread takes the job at once
            return
        }
        running = true
        let thread = Thread { [self] in drain() }
        thread.name = "billtop-queries"
        thread.stackSize = 8 << 20  // SQLite and the aggregates were only ever run on big stacks
        thread.start()
    }

    /// Whether a job is queued or running (the loop then polls input more often, to show its answer soon).
    var isBusy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running && !idle
    }

    /// Blocks until every submitted job has run and its result is in the event queue (tests, benchmarks).
    func waitUntilIdle() {
        condition.lock()
        while running && !(idle && queue.isEmpty) { condition.wait() }
        condition.unlock()
    }

    private func drain() {
        while true {
            condition.lock()
            if queue.isEmpty {
                // Idle: wake whoever waits for that, then keep the thread for a moment, because typing and
                // scrolling submit the next query within milliseconds and a new thread per key cost ~3 ms a
                // keystroke at 100k (`billtop-bench tui`, search p50).
                idle = true
                condition.broadcast()
                let until = Date(timeIntervalSinceNow: Self.keepAlive)
                while queue.isEmpty, condition.wait(until: until) {}
                idle = false
                guard !queue.isEmpty else {
                    running = false
                    condition.broadcast()
                    condition.unlock()
                    return
                }
            }
            let job = queue.removeFirst()
            condition.unlock()
            // Posted before the worker can report idle: whoever waited for idle finds the result queued.
            events.post(job.work())
        }
    }
}
