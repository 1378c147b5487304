import BillingCore
import BillingStore
import Foundation

/// A viewer's private copy of a team store (`TeamReplica`), where the dashboard and the read commands read: a
/// SQLite file per team store beside the default store (`.../billtop/team/HOST_PORT_DB.sqlite`, 0600 in a
/// 0700 directory), caught up from the team store before a command reads it and followed live by the dashboard.
enum TeamCopy {
    /// The copy of the team store at `url` (one per host, port and database: every viewer role reads the same
    /// rows).
    static func path(_ url: PostgresStoreURL, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        let directory = (BillingStore.defaultPath(environment: environment) as NSString).deletingLastPathComponent
        let name = String(
            url.location.unicodeScalars.map { scalar -> Character in
                CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || scalar == "." || scalar == "-"
                    ? Character(scalar) : "_"
            })
        return directory + "/team/" + name + ".sqlite"
    }

    /// Opens the team store for reading and the copy (made on first use).
    static func open(_ url: PostgresStoreURL, environment: [String: String]) async throws
        -> (team: PostgresStore, copy: BillingStore)
    {
        let path = self.path(url, environment: environment)
        let team: PostgresStore
        do { team = try await PostgresStore.openForReading(url) } catch {
            throw CommandFailure(TextSanitizer.clean(String(describing: error)), status: .store)
        }
        do {
            let copy = try CommandStore.open(path: path, environment: environment)
            return (team, copy)
        } catch {
            await team.close()
            throw StoreOpenError.explain(error, path: path)
        }
    }

    /// The copy caught up with the team store, for a read command. The first copy of a big store takes a while
    /// and says so; a team store that cannot be reached leaves the copy as it is, with one line saying since
    /// when, so a viewer still reads offline.
    static func caughtUp(_ url: PostgresStoreURL, environment: [String: String] = ProcessInfo.processInfo.environment)
        async throws -> BillingStore
    {
        let path = self.path(url, environment: environment)
        let opened: (team: PostgresStore, copy: BillingStore)
        do { opened = try await open(url, environment: environment) } catch let failure as CommandFailure {
            guard FileManager.default.fileExists(atPath: path),
                let copy = try? CommandStore.open(path: path, environment: environment),
                let state = try? copy.replicaState(), let at = state.updatedAt
            else { throw failure }
            let when = Timestamp(secondsSinceEpoch: at)
            note("\(failure.description); reading the copy as it was at \(when.iso8601)")
            return copy
        }
        let (team, copy) = opened
        defer { Task { await team.close() } }
        let fresh = (try? copy.replicaState()) == nil
        if fresh {
            note(
                "making a private copy of the team store \(url.location) in \(path) (later runs read only what changed)"
            )
        }
        let replica = TeamReplica(team: team, copy: copy, batch: 2_000)
        do {
            try await replica.catchUp()
        } catch let refused as StoreOpenError {
            throw CommandFailure(refused.message, status: .store)
        } catch {
            throw CommandFailure(
                "could not bring the copy of \(url.location) up to date: \(TextSanitizer.clean(String(describing: error)))",
                status: .store)
        }
        return copy
    }

    private static func note(_ line: String) {
        FileHandle.standardError.write(Data("note: \(TextSanitizer.clean(line))\n".utf8))
    }
}
