import BillingCore
import Foundation
import TUIKit

/// The UI loop: drains one stream of events (input, store changes, sync progress, timers, query results),
/// reduces each, starts the effects, renders into a grid and presents it. It is the only code that touches the
/// terminal. Queries and exports run on an `EffectWorker` and come back as events: a keystroke never waits for
/// the store, and meanwhile the panes show the rows they had (or "loading…" before the first).
public final class DashboardLoop: @unchecked Sendable {
    public let events: EventQueue
    public private(set) var state: AppState
    /// Frames presented so far (for tests and benchmarks).
    public private(set) var framesPresented = 0

    private let data: any DashboardData
    private let terminal: any Terminal
    private let clock: @Sendable () -> Timestamp
    private let exporter: Exporter
    private let onSyncNow: @Sendable () -> Void
    private let worker: EffectWorker
    /// Sends what the user confirms (nil: every action shows as not set up).
    private let actions: (any ActionPerforming)?
    /// Actions sent and not yet answered (`settle` waits for them; input is polled often meanwhile).
    private let inFlight = InFlightActions()
    private var lastTick: Int64 = 0
    private var needsFrame = true
    /// While a burst of input is handled, list loads wait here (the latest per list) and run once after it:
    /// typing "smith" quickly costs one search, not five.
    private var deferringLoads = false
    private var deferredLoads: [Effect] = []

    public init(
        data: any DashboardData, terminal: any Terminal, clock: @escaping @Sendable () -> Timestamp,
        exportDirectory: String, asOf: LocalDate? = nil, events: EventQueue = EventQueue(),
        onSyncNow: @escaping @Sendable () -> Void = {}, start: StartPoint = .dashboard,
        actions: (any ActionPerforming)? = nil
    ) {
        self.events = events
        self.data = data
        self.terminal = terminal
        self.clock = clock
        self.exporter = Exporter(directory: exportDirectory)
        self.onSyncNow = onSyncNow
        worker = EffectWorker(events: events)
        self.actions = actions
        let size = terminal.size
        state = AppState(width: size.width, height: size.height, now: clock(), asOf: asOf)
        state.startPoint = start
        if let actions { state.actionAvailability = actions.availability }
        lastTick = state.now.secondsSinceEpoch
        events.post(.start)
        // An attempt a crash or a lost connection left unanswered is finished now, with its own token.
        if let actions { inFlight.run(posting: events) { .actionsResumed(await actions.resumePending()) } }
    }

    /// Runs until the user quits. Blocks the calling thread (give it its own thread, not a Swift task).
    public func run() throws {
        while !state.quitting {
            // While a query runs, its answer is drawn within 5 ms of arriving rather than at the next key or 50 ms.
            let busy = worker.isBusy || !inFlight.isEmpty
            try step(waitMilliseconds: busy ? 5 : 50)
        }
    }

    /// One turn: read input (waiting at most `waitMilliseconds` when nothing is queued), then handle
    /// everything queued and present at most one frame. With `settle`, the frame waits for every query and
    /// export started so far (`settle()`): tests and benchmarks that need the answer in this frame.
    public func step(waitMilliseconds: Int = 0, settle: Bool = false) throws {
        let input = terminal.readEvent(timeoutMilliseconds: events.isEmpty ? waitMilliseconds : 0)
        deferringLoads = true
        if let input { handle(input) }
        // Drain what else is waiting on the terminal first, so a burst of keys costs one frame and one load.
        while let more = terminal.readEvent(timeoutMilliseconds: 0) { handle(more) }
        deferringLoads = false
        let loads = deferredLoads
        deferredLoads = []
        for effect in loads { start(effect) }
        let now = clock()
        if now.secondsSinceEpoch != lastTick {
            lastTick = now.secondsSinceEpoch
            events.post(.tick(now))
        }
        var queue = events.drain()
        while !queue.isEmpty {
            for action in queue { apply(action) }
            queue = events.drain()
        }
        if settle { self.settle() }
        if needsFrame && !state.quitting {
            terminal.present(DashboardRenderer.render(state), cursor: nil)
            framesPresented += 1
            needsFrame = false
        }
    }

    /// Feeds one input (used by `step`, and by tests and benchmarks directly).
    public func handle(_ input: KeyEvent) {
        guard let action = Dispatcher.action(for: input, in: state) else { return }
        apply(action)
    }

    /// Waits until no query or export is outstanding and reduces every result, and what those cause in turn.
    /// Presents nothing. The product never calls it; tests and benchmarks do, instead of sleeping.
    public func settle() {
        while true {
            worker.waitUntilIdle()
            let queue = events.drain()
            if queue.isEmpty { return }
            for action in queue { apply(action) }
        }
    }

    /// Waits, suspended, until every action sent has its answer queued, then settles the queries it causes.
    /// Tests call it after a confirmation; the product never does.
    public func settleActions() async {
        while !inFlight.isEmpty { try? await Task.sleep(for: .milliseconds(1)) }
        settle()
    }

    /// Reduces one action and starts its effects; their results come back as events.
    public func apply(_ action: Action) {
        let reduction = Reducer.reduce(state, action)
        state = reduction.state
        if !reduction.redraw.isEmpty { needsFrame = true }
        for effect in reduction.effects {
            if deferringLoads, let kind = Self.listLoad(effect) {
                deferredLoads.removeAll { Self.listLoad($0) == kind }
                deferredLoads.append(effect)
                continue
            }
            start(effect)
        }
    }

    /// Which list a load effect fills (nil for other effects): a later load of the same list supersedes it.
    static func listLoad(_ effect: Effect) -> Pane? {
        switch effect {
        case .loadCustomers: .customers
        case .loadInvoices: .invoices
        default: nil
        }
    }

    /// Renders the current state and presents it now (first frame, benchmarks).
    public func presentNow() throws {
        terminal.present(DashboardRenderer.render(state), cursor: nil)
        framesPresented += 1
        needsFrame = false
    }

    /// Hands a query or an export to the worker; the few effects that cost nothing run here.
    private func start(_ effect: Effect) {
        switch effect {
        case .syncNow: onSyncNow()
        case .quit: break
        case .fetchPortalLink(let key):
            guard let actions else { return }
            inFlight.run(posting: events) {
                .portalLinkLoaded(key, await actions.portalLink(customerID: key.id, source: key.source))
            }
        case .performAction(let action, let source):
            perform(unavailable: ActionAvailability.none.fallback) { await $0.perform(action, source: source) }
        case .performCRMWrite(let write, let source):
            perform(unavailable: ActionAvailability.none.crmReason) { await $0.performCRM(write, source: source) }
        case .linkContact(let key, let contact):
            perform(unavailable: ActionAvailability.none.crmReason) { await $0.linkContact(key, contact: contact) }
        default:
            if let job = Self.job(effect, data: data, exporter: exporter, now: state.now) { worker.submit(job) }
        }
    }

    /// Sends a confirmed write off the loop (never on a pool thread's wait) and posts its timed answer.
    private func perform(
        unavailable: String?, _ send: @escaping @Sendable (any ActionPerforming) async -> ActionReport
    ) {
        guard let actions else {
            events.post(.actionFinished(ActionReport(lines: [unavailable ?? ""], succeeded: false)))
            return
        }
        inFlight.run(posting: events) {
            let started = ContinuousClock.now
            var report = await send(actions)
            let spent = started.duration(to: .now).components
            report.milliseconds = Int(spent.seconds) * 1000 + Int(spent.attoseconds / 1_000_000_000_000_000)
            return .actionFinished(report)
        }
    }

    /// The worker's job for an effect: the call on `DashboardData` (or the export) and the action it answers.
    static func job(
        _ effect: Effect, data: any DashboardData, exporter: Exporter, now: Timestamp
    ) -> EffectWorker.Job? {
        func job(_ slot: EffectWorker.Slot?, _ work: @escaping @Sendable () throws -> Action) -> EffectWorker.Job {
            EffectWorker.Job(slot: slot) {
                do { return try work() } catch { return .failed(TextSanitizer.clean(String(describing: error))) }
            }
        }
        switch effect {
        case .loadCustomers(let q, let offset, let limit):
            return job(.customers) { .customersLoaded(q, try data.customers(q, offset: offset, limit: limit)) }
        case .loadInvoices(let q, let offset, let limit):
            return job(.invoices) { .invoicesLoaded(q, try data.invoices(q, offset: offset, limit: limit)) }
        case .loadDunning(let asOf):
            return job(.dunning) { .dunningLoaded(try data.dunning(asOf: asOf, limit: Reducer.alertLimit)) }
        case .loadMRR(let asOf):
            return job(.mrr) { .mrrLoaded(try data.mrr(asOf: asOf)) }
        case .loadCustomer(let key, let asOf):
            return job(.customer) { .customerLoaded(key, try data.customer(key, asOf: asOf)) }
        case .loadActionTarget(let key, let invoiceID, let invoiceNumber, let asOf):
            return job(.actionTarget) {
                let target = try data.customer(key, asOf: asOf).map {
                    ActionTarget.from($0, invoiceID: invoiceID, invoiceNumber: invoiceNumber)
                }
                return .actionTargetLoaded(key, target)
            }
        case .loadHealth:
            return job(.health) { .healthLoaded(try data.sourceHealth(now: now)) }
        case .loadSync:
            return job(.sync) { .syncChanged(try data.syncStatus()) }
        case .export(let request):
            return job(nil) {
                let result = try exporter.export(request, from: data, now: now)
                return .exported(path: result.path, rows: result.rows)
            }
        case .syncNow, .quit, .performAction, .performCRMWrite, .linkContact, .fetchPortalLink:
            return nil
        }
    }
}
