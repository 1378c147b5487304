import BillingCore
import Foundation
import TUIKit

/// The UI loop: drains one stream of events (input, store changes, sync progress, timers), reduces each,
/// runs the effects, renders into a grid and presents it. It is the only code that touches the terminal.
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
    private var lastTick: Int64 = 0
    private var needsFrame = true
    /// While a burst of input is handled, list loads wait here (the latest per list) and run once after it:
    /// typing "smith" quickly costs one search, not five.
    private var deferringLoads = false
    private var deferredLoads: [Effect] = []

    public init(
        data: any DashboardData, terminal: any Terminal, clock: @escaping @Sendable () -> Timestamp,
        exportDirectory: String, asOf: LocalDate? = nil, events: EventQueue = EventQueue(),
        onSyncNow: @escaping @Sendable () -> Void = {}
    ) {
        self.events = events
        self.data = data
        self.terminal = terminal
        self.clock = clock
        self.exporter = Exporter(directory: exportDirectory)
        self.onSyncNow = onSyncNow
        let size = terminal.size
        state = AppState(width: size.width, height: size.height, now: clock(), asOf: asOf)
        lastTick = state.now.secondsSinceEpoch
        events.post(.start)
    }

    /// Runs until the user quits. Blocks the calling thread (give it its own thread, not a Swift task).
    public func run() throws {
        while !state.quitting {
            try step(waitMilliseconds: 50)
        }
    }

    /// One turn: read input (waiting at most `waitMilliseconds` when nothing is queued), then handle
    /// everything queued and present at most one frame.
    public func step(waitMilliseconds: Int = 0) throws {
        let input = terminal.readEvent(timeoutMilliseconds: events.isEmpty ? waitMilliseconds : 0)
        deferringLoads = true
        if let input { handle(input) }
        // Drain what else is waiting on the terminal first, so a burst of keys costs one frame and one load.
        while let more = terminal.readEvent(timeoutMilliseconds: 0) { handle(more) }
        deferringLoads = false
        let loads = deferredLoads
        deferredLoads = []
        for effect in loads {
            if let result = run(effect) { apply(result) }
        }
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

    /// Reduces one action and runs its effects; their results are reduced in turn.
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
            if let result = run(effect) { apply(result) }
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

    private func run(_ effect: Effect) -> Action? {
        do {
            switch effect {
            case .loadCustomers(let q, let offset, let limit):
                return .customersLoaded(q, try data.customers(q, offset: offset, limit: limit))
            case .loadInvoices(let q, let offset, let limit):
                return .invoicesLoaded(q, try data.invoices(q, offset: offset, limit: limit))
            case .loadDunning(let asOf):
                return .dunningLoaded(try data.dunning(asOf: asOf, limit: Reducer.alertLimit))
            case .loadMRR(let asOf):
                return .mrrLoaded(try data.mrr(asOf: asOf))
            case .loadCustomer(let key, let asOf):
                return .customerLoaded(key, try data.customer(key, asOf: asOf))
            case .loadSync:
                return .syncChanged(try data.syncStatus())
            case .syncNow:
                onSyncNow()
                return nil
            case .export(let request):
                let result = try exporter.export(request, from: data, now: state.now)
                return .exported(path: result.path, rows: result.rows)
            case .quit:
                return nil
            }
        } catch {
            return .failed(TextSanitizer.clean(String(describing: error)))
        }
    }
}
