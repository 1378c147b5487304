import ArgumentParser
import BillingCore
import BillingServe
import BillingStore
import BillingSync
import Foundation
import Logging

/// `billtop serve --store postgres://writer@host/db [--listen 127.0.0.1:8089] [--interval 60]`: the one process
/// of a team that holds API keys. It leads the sources no other serve leads (a standby otherwise, taking over
/// within seconds of a leader's death), performs the viewers' action requests, takes webhooks, and syncs.
/// SIGTERM and SIGINT stop it cleanly, releasing its leads; its log goes to the log file, its one status line to
/// stderr.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the team's fetcher, action queue and webhook endpoint on a PostgreSQL store.",
        discussion: """
            Webhook keys: a Chargify source's shared webhook key comes from $BILLTOP_WEBHOOK_KEY_<SOURCE> (the name \
            upper-cased, other characters as _) or from a key file (mode 0600) given as --chargify-webhook-key \
            SOURCE=PATH; never on the command line itself. GHL webhooks are checked against GHL's published public \
            key, saved as a PEM file (--ghl-public-key).
            """)

    @Option(name: .long, help: "The team store: postgres://WRITER@HOST[:PORT]/DB (password in PGPASSWORD).")
    var store: String?

    @Option(name: .long, help: "Take webhooks on HOST:PORT (e.g. 127.0.0.1:8089, behind a TLS proxy).")
    var listen: String?

    @Option(name: .long, help: "Seconds between a source's sync rounds (webhooks refresh in between).")
    var interval = 60

    @Option(name: .long, help: "Lead only this source (repeat for several; default: every source in the store).")
    var source: [String] = []

    @Option(name: .long, help: "SOURCE=PATH: the file (mode 0600) holding that Chargify source's webhook key.")
    var chargifyWebhookKey: [String] = []

    @Option(name: .long, help: "GHL's published webhook public key, as a PEM file.")
    var ghlPublicKey: String?

    @Option(name: .long, help: "The config file naming the sources and their keys (default: $BILLTOP_CONFIG).")
    var config: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard case .postgres(let url, _) = try StoreChoice.resolve(store: store, db: nil, environment: environment)
        else {
            throw CommandFailure(
                "billtop serve runs on a PostgreSQL store: pass --store postgres://WRITER@HOST/DB (see `billtop store init-postgres`)",
                status: .usage)
        }
        guard (1...86_400).contains(interval) else {
            throw CommandFailure("--interval \(interval): give seconds from 1 to 86400", status: .usage)
        }
        var settings = ServeSettings(
            url: url, interval: .seconds(interval), sourceNames: source.isEmpty ? nil : Set(source))
        if let listen { settings.listen = try Self.address(listen) }
        let keys = try ServeKeys.chargify(chargifyWebhookKey, environment: environment)
        let secrets: ServeSecrets
        do {
            secrets = try ServeSecrets(
                chargifyKeys: keys, ghlPublicKeyPEM: try ghlPublicKey.map { try ServeKeys.publicKey($0) })
        } catch let error as ServeSetupError {
            throw CommandFailure(error.description, status: .config)
        }
        // The sources' keys: a config file that is there must be sound (serve refuses to start on a bad one
        // rather than fail every round); a source registered by a one-off sync takes BILLTOP_API_KEY/TOKEN.
        let configFile = config ?? ConfigLoader.defaultPath(environment: environment)
        var apiKeys = ["BILLTOP_API_KEY", "BILLTOP_TOKEN"].compactMap { environment[$0] }.filter { !$0.isEmpty }
        var ghl: [GHLSource] = []
        var billing: [SourceConfig] = []
        var crm = CRMSettings()
        if config != nil || FileManager.default.fileExists(atPath: configFile) {
            do {
                billing = try ConfigLoader.load(path: configFile, environment: environment)
                apiKeys += billing.map(\.secret)
                ghl = try ConfigLoader.loadGHL(path: configFile, environment: environment)
                apiKeys += ghl.map(\.secret)
                crm = try ConfigLoader.loadCRM(path: configFile)
            } catch {
                throw CommandFailure(String(describing: error), status: .config)
            }
        }
        let logPath = FileLogHandler.defaultPath(environment: environment)
        let level = FileLogHandler.level(environment: environment)
        let logger = Logger(label: "billtop.serve") { label in
            FileLogHandler(label: label, path: logPath, secrets: Array(keys.values) + apiKeys, level: level)
        }
        settings.onStatus = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        let workStore: PostgresStore
        do { workStore = try await PostgresStore.open(url) } catch let error as PostgresStoreError {
            throw CommandFailure(error.message, status: .store)
        }
        do { try await Self.register(billing, ghl, in: workStore) } catch let error as PostgresStoreError {
            await workStore.close()
            throw CommandFailure(error.message, status: .store)
        } catch {
            await workStore.close()
            throw error
        }
        let work = PostgresServeWork(
            store: workStore, configPath: config, environment: environment, ghl: ghl,
            dunningTasks: crm.dunningTasks, logger: logger)
        // The work's writes of a source go through only under this serve's current lead of it.
        workStore.fence(by: settings.leads)
        let loop = ServeLoop(settings: settings, work: work, secrets: secrets, logger: logger)
        let signals = ServeSignals.install { Task { await loop.stop() } }
        defer { signals.cancel() }
        do { try await loop.run() } catch {
            await workStore.close()
            switch error {
            case let error as ServeSetupError: throw CommandFailure(error.description, status: .usage)
            case let error as StoreOpenError: throw CommandFailure(error.description, status: .store)
            case let error as PostgresStoreError: throw CommandFailure(error.message, status: .store)
            default: throw error
            }
        }
        await workStore.close()
    }

    /// Makes each source of the config a source of the team store, so serve leads it without a `billtop sync`
    /// first: billing sources as a sync registers them, GHL locations as kind `ghl` with the location id as their
    /// account (serve syncs them into the CRM tables and takes their webhooks). A name the store already has for
    /// the other kind is refused: registering would turn a billing source into a CRM or back.
    static func register(_ billing: [SourceConfig], _ locations: [GHLSource], in store: PostgresStore) async throws {
        let known = try await store.sources(includingCRM: true)
        let crm = PostgresServeWork.crmKind
        let wanted =
            billing.map { ($0.name, $0.kind.rawValue, SourceURL.withoutCredentials($0.baseURL), $0.account) }
            + locations.map { ($0.name, crm, $0.baseURL, $0.locationID) }
        for (name, kind, baseURL, account) in wanted {
            if let clash = known.first(where: { $0.name == name && ($0.kind == crm) != (kind == crm) }) {
                throw CommandFailure(
                    "the source \(TextSanitizer.clean(name)) of config.toml is \(kind == crm ? "a GHL location" : "a billing source") but the team store has it as \(clash.kind == crm ? "a GHL location" : "a billing source"); rename it in config.toml",
                    status: .config)
            }
            _ = try await store.registerSource(name: name, kind: kind, baseURL: baseURL, account: account)
        }
    }

    /// `HOST:PORT` (the port may be 0: any free one, logged).
    static func address(_ text: String) throws -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port), colon != text.startIndex
        else {
            throw CommandFailure(
                "--listen \(TextSanitizer.clean(text)): write HOST:PORT, e.g. 127.0.0.1:8089", status: .usage)
        }
        return (String(text[..<colon]), port)
    }
}
