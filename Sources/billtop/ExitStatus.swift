import ArgumentParser
import BillingStore
import BillingSync

/// Every status billtop exits with, so cron jobs and scripts can branch on the cause (issue 20). The values
/// are the BSD sysexits.h codes for the same causes, which other tools already use, apart from 1 (a failure
/// with no better name). ArgumentParser already exits 64 for a wrong argument; the rest come from here.
/// `billtop --help` and the man page list them from `Self.allCases`: the one place they are written down.
enum ExitStatus: Int32, CaseIterable, Sendable {
    case success = 0
    /// The command ran and could not do what was asked for another reason: an unknown customer, an action
    /// the server refused or the user cancelled.
    case failure = 1
    /// EX_USAGE: a wrong argument or option.
    case usage = 64
    /// EX_UNAVAILABLE: no server could be reached, or every request of a sync failed; nothing new was saved.
    case network = 69
    /// EX_IOERR: the local store is missing, locked, read-only, damaged or on a full disk.
    case store = 74
    /// EX_TEMPFAIL: a sync finished some streams and not others; what it fetched is saved, run it again.
    case partialSync = 75
    /// EX_NOPERM: the server rejected the API key or token.
    case auth = 77
    /// EX_CONFIG: the config file, a key's variable or file, or a source name is wrong or missing.
    case config = 78

    /// What the status means, for `--help` and the man page (short: a row fits 80 columns).
    var meaning: String {
        switch self {
        case .success: "success (a sync: every stream finished)"
        case .failure: "another failure (an unknown customer, a refused action)"
        case .usage: "a wrong argument or option"
        case .network: "no server reached, or no stream of a sync finished"
        case .store: "the store is missing, locked, read-only, damaged or full"
        case .partialSync: "a sync finished only some streams (saved; run it again)"
        case .auth: "the server rejected the API key or token"
        case .config: "the config file, a theme, a key or a source name is wrong"
        }
    }

    /// The table `billtop --help` and the man page print.
    static var table: String {
        allCases.map { status in
            let code = String(status.rawValue)
            return String(repeating: " ", count: 3 - code.count) + code + "  " + status.meaning
        }.joined(separator: "\n")
    }

    /// The status for an error a command threw; nil leaves it to ArgumentParser (usage errors, help, --version).
    static func of(_ error: any Error) -> ExitStatus? {
        switch error {
        case let failure as CommandFailure: failure.status
        case is ConfigError: .config
        case is StoreOpenError: .store
        case let sync as SyncError: of(sync)
        default: nil
        }
    }

    /// A sync error's cause.
    static func of(_ error: SyncError) -> ExitStatus {
        switch error {
        case .keyRejected: .auth
        case .configuration, .originRefused: .config
        case .store: .store
        case .gaveUp, .rejected, .pagingLoop, .tooLarge: .network
        }
    }

    /// A finished `sync --once`: the gravest cause first (a store that cannot be written, then a key, then the
    /// config), then network when no stream of the `streams` attempted finished, partial when some did.
    static func of(sync result: SyncRunResult, streams: Int) -> ExitStatus {
        guard !result.ok else { return .success }
        let causes = Set(result.failures.map { of($0.error) })
        for grave in [ExitStatus.store, .auth, .config] where causes.contains(grave) { return grave }
        return result.failures.count >= streams ? .network : .partialSync
    }
}
