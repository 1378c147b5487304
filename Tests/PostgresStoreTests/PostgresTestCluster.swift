import BillingStore
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL cluster for this test process: `initdb` in a directory under `TestScratch`, `postgres`
/// on 127.0.0.1 at a free port with its socket in that directory, stopped when the process exits. Started once,
/// on first use; each test takes a database of its own (`database(_:)`). As root (CI), the server runs as the
/// `postgres` user, since PostgreSQL refuses to run as root. If this process dies without stopping it, the next
/// test run sweeps the directory, and a postmaster whose lock file is gone shuts itself down within a minute.
final class PostgresTestCluster: Sendable {
    let directory: URL
    let port: Int
    /// The superuser's password (host connections use scram-sha-256, as a real server would).
    let password: String
    private let binaries: String
    private let runAs: [String]

    static let superuser = "billtop_admin"

    /// The process's cluster, started on first use; a failure to start fails every test that asks.
    static func shared() throws -> PostgresTestCluster {
        try started.get()
    }

    private static let started: Result<PostgresTestCluster, any Error> = Result {
        let cluster = try PostgresTestCluster()
        running = cluster
        atexit { PostgresTestCluster.running?.stop() }
        return cluster
    }

    nonisolated(unsafe) private static var running: PostgresTestCluster?

    private init() throws {
        let binaries = try Self.findBinaries()
        let runAs = try Self.unprivilegedPrefix()
        self.binaries = binaries
        self.runAs = runAs
        func run(_ tool: String, _ arguments: [String]) throws {
            try Self.run(tool, arguments, runAs: runAs, binaries: binaries)
        }
        // The server's user must pass through the scratch directory (it may not list it).
        chmod(TestScratch.root.path, 0o711)
        directory = TestScratch.directory("pg-cluster")
        chmod(directory.path, 0o700)
        password = UUID().uuidString
        let passwordFile = directory.appendingPathComponent("pw")
        try Data(password.utf8).write(to: passwordFile)
        if !runAs.isEmpty { Self.handOver([directory.path, passwordFile.path]) }
        try run(
            "initdb",
            [
                "-D", directory.appendingPathComponent("data").path, "-U", Self.superuser, "--pwfile",
                passwordFile.path,
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
            ])
        try? FileManager.default.removeItem(at: passwordFile)
        // A self-signed certificate, so the TLS modes are tried against a server that offers TLS.
        let (certificate, key) = (
            directory.appendingPathComponent("server.crt"), directory.appendingPathComponent("server.key")
        )
        try run(
            "/usr/bin/env",
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-keyout",
                key.path, "-out", certificate.path,
            ])
        chmod(key.path, 0o600)  // the server refuses a key others can read
        var lastPort = 0
        for _ in 0..<3 {
            lastPort = try Self.freePort()
            let options =
                "-c listen_addresses=127.0.0.1 -p \(lastPort) -k \(directory.path) -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c ssl=on -c ssl_cert_file=\(certificate.path) -c ssl_key_file=\(key.path)"
            if (try? run(
                "pg_ctl",
                [
                    "-D", directory.appendingPathComponent("data").path, "-l",
                    directory.appendingPathComponent("server.log").path, "-w", "-t", "60", "-o", options, "start",
                ])) != nil
            {
                port = lastPort
                return
            }
        }
        throw ClusterError(
            "the test PostgreSQL server did not start (last port \(lastPort)); see \(directory.path)/server.log")
    }

    /// Stops the server at once (the data is thrown away with the directory).
    func stop() {
        try? Self.run(
            "pg_ctl", ["-D", directory.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop"],
            runAs: runAs, binaries: binaries)
    }

    /// The superuser's URL for `database` (the password travels in the value, never in a process's arguments).
    func adminURL(database: String = "postgres") -> PostgresStoreURL {
        PostgresStoreURL(
            user: Self.superuser, password: password, host: "127.0.0.1", port: port, database: database, tls: .disable)
    }

    /// A fresh empty database for one test, named for it; returns the superuser's URL to it.
    func database(_ label: String) async throws -> PostgresStoreURL {
        let name =
            "t_" + label.lowercased().filter { $0.isLetter || $0.isNumber } + "_"
            + UUID().uuidString.prefix(8).lowercased()
        try await AdminSQL.execute(adminURL(), ["CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'"])
        return adminURL(database: name)
    }

    // MARK: - Processes

    struct ClusterError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The newest installed PostgreSQL's server binaries; the failure says how CI gets them.
    private static func findBinaries() throws -> String {
        let base = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [])
            .compactMap(Int.init).sorted()
        for version in versions.reversed()
        where FileManager.default.isExecutableFile(atPath: "\(base)/\(version)/bin/initdb") {
            return "\(base)/\(version)/bin"
        }
        throw ClusterError(
            "PostgreSQL's server binaries are missing (no \(base)/*/bin/initdb): .ci/run installs postgresql (.ci/postgres-deps); here: apt-get install postgresql"
        )
    }

    /// `runuser -u postgres --` as root, nothing otherwise.
    private static func unprivilegedPrefix() throws -> [String] {
        guard getuid() == 0 else { return [] }
        guard getpwnam("postgres") != nil else {
            throw ClusterError("running as root with no postgres user: .ci/run installs postgresql, which creates it")
        }
        return ["/usr/sbin/runuser", "-u", "postgres", "--"]
    }

    private static func handOver(_ paths: [String]) {
        guard let user = getpwnam("postgres") else { return }
        for path in paths { chown(path, user.pointee.pw_uid, user.pointee.pw_gid) }
    }

    /// Runs a server binary to its end, its output in a file (no pipe to fill); throws with the tail on failure.
    /// `ChildSpawn`, not Foundation's `Process`: `pg_ctl start` leaves the server running with the descriptors it
    /// inherited, and `Process` waited for those to close as well; and the server must inherit none of this
    /// process's descriptors, or a `Process` launched by another test at that moment never sees its child end.
    private static func run(_ tool: String, _ arguments: [String], runAs: [String], binaries: String) throws {
        let command = runAs + [tool.hasPrefix("/") ? tool : "\(binaries)/\(tool)"] + arguments
        let output = TestScratch.directory("pg-out").appendingPathComponent("run.log")
        let status = try ChildSpawn.run(command, output: output.path)
        guard ChildSpawn.succeeded(status) else {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            throw ClusterError("\(tool) failed (status \(status)): \(text.suffix(600))")
        }
    }

    /// A port the kernel just handed out on 127.0.0.1 (released before the server binds it).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClusterError("cannot open a socket to find a free port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw ClusterError("cannot bind 127.0.0.1:0 to find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
