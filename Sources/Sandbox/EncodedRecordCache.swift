import Synchronization

/// The encoded JSON of single records, so a page of records already served is spliced from stored bytes
/// instead of being written field by field again.
///
/// An entry is keyed by the record's position and output shape, and is used only while the record and
/// the records it embeds (its customer, for invoices and subscriptions) are *equal* to the ones it was
/// encoded from. Equality, not `updated_at`, decides: the world simulator changes some fields (a
/// subscription's next retry) without touching `updated_at`, and a stale page would be a silent lie.
/// Comparing is cheap because unchanged records share their strings' and arrays' storage.
///
/// Memory is bounded: entries live in two generations of at most half the budget each; when the young
/// one fills up it becomes the old one and the former old one is dropped, and a hit in the old
/// generation moves the entry back into the young one (an approximate LRU without per-hit bookkeeping).
final class EncodedRecordCache: Sendable {
    /// Which JSON a record was written as.
    enum Shape: UInt8, Sendable {
        case chargifyCustomer, trutoCustomer, chargifySubscription
        case chargifyInvoice, chargifyInvoiceLines, chargifyInvoicePayments, chargifyInvoiceFull, trutoInvoice

        /// The Chargify invoice shape for the `line_items` / `payments` flags.
        static func chargifyInvoice(lineItems: Bool, payments: Bool) -> Shape {
            switch (lineItems, payments) {
            case (false, false): .chargifyInvoice
            case (true, false): .chargifyInvoiceLines
            case (false, true): .chargifyInvoicePayments
            case (true, true): .chargifyInvoiceFull
            }
        }
    }

    /// What an encoding depends on: the record and what it embeds, compared in full before reuse.
    enum Source: Equatable, Sendable {
        case customer(SandboxCustomer)
        case subscription(SandboxSubscription, SandboxCustomer?)
        case invoice(SandboxInvoice, SandboxCustomer?)
    }

    struct Key: Hashable, Sendable {
        var shape: Shape
        var position: Int
    }

    /// A class, so a lookup retains one reference instead of every string and array of the record.
    private final class Entry: Sendable {
        let source: Source
        let json: [UInt8]

        init(source: Source, json: [UInt8]) {
            self.source = source
            self.json = json
        }
    }

    private struct Generations: Sendable {
        var young: [Key: Entry] = [:]
        var old: [Key: Entry] = [:]
        var youngBytes = 0
        /// One bit per (shape, position) read at least once: a record is stored only when it is read a
        /// second time, so a single pass over a large listing (a first sync) costs no memory and
        /// no copying, and cannot flush records that are read again and again.
        var seen: [[UInt64]] = Array(repeating: [], count: 8)
        var hits = 0
        var misses = 0
    }

    /// What a lookup found: the stored JSON, or that the record must be encoded (and whether to store it).
    enum Lookup {
        case hit([UInt8])
        case miss(store: Bool)
    }

    /// Memory per entry beyond its JSON: the entry object with its copy of the record (whose strings
    /// and arrays are shared with the company) and the dictionary slot.
    private static let overheadBytes = MemoryLayout<Source>.stride + 96
    private let generationBudget: Int
    private let state = Mutex(Generations())

    /// A cache holding about `budgetBytes` of encoded records at most.
    init(budgetBytes: Int = 128 << 20) {
        generationBudget = max(1, budgetBytes / 2)
    }

    /// The stored JSON of the record at `key` when it was encoded from a record equal to `source`;
    /// otherwise whether its new encoding should be stored (it has been read before).
    func lookup(_ key: Key, source: Source) -> Lookup {
        state.withLock { state -> Lookup in
            if let entry = state.young[key] {
                if entry.source == source {
                    state.hits += 1
                    return .hit(entry.json)
                }
                state.misses += 1
                return .miss(store: true)
            }
            if let entry = state.old[key], entry.source == source {
                state.hits += 1
                state.old.removeValue(forKey: key)
                insert(key, entry, into: &state)
                return .hit(entry.json)
            }
            state.misses += 1
            return .miss(store: Self.markSeen(key, in: &state))
        }
    }

    /// Sets the key's seen bit; true when it was already set.
    private static func markSeen(_ key: Key, in state: inout Generations) -> Bool {
        let shape = Int(key.shape.rawValue)
        let word = key.position >> 6
        let bit = UInt64(1) << UInt64(key.position & 63)
        if state.seen[shape].count <= word {
            state.seen[shape].append(contentsOf: repeatElement(0, count: word + 1 - state.seen[shape].count))
        }
        defer { state.seen[shape][word] |= bit }
        return state.seen[shape][word] & bit != 0
    }

    /// Keeps `json`, the encoding of `source`, for the record at `key`.
    func store(_ key: Key, source: Source, json: [UInt8]) {
        state.withLock { state in
            state.old.removeValue(forKey: key)
            insert(key, Entry(source: source, json: json), into: &state)
        }
    }

    private func insert(_ key: Key, _ entry: Entry, into state: inout Generations) {
        let size = entry.json.count + Self.overheadBytes
        if let previous = state.young.removeValue(forKey: key) {
            state.youngBytes -= previous.json.count + Self.overheadBytes
        }
        if state.youngBytes + size > generationBudget, !state.young.isEmpty {
            state.old = state.young
            state.young = [:]
            state.youngBytes = 0
        }
        state.young[key] = entry
        state.youngBytes += size
    }

    /// Lookups answered from stored bytes and lookups that had to encode (for tests and benchmarks).
    var counts: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }

    /// Stored entries and their JSON bytes, both generations.
    var size: (entries: Int, bytes: Int) {
        state.withLock { state in
            (
                state.young.count + state.old.count,
                state.young.values.reduce(0) { $0 + $1.json.count } + state.old.values.reduce(0) { $0 + $1.json.count }
            )
        }
    }
}
