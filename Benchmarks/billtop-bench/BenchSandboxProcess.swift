import BillingCore
import Foundation
import Sandbox

/// The sandbox as a child process of `billtop-bench sync --separate-sandbox`, so the fetcher's own CPU and
/// peak memory are measured apart from the sandbox's (in process, the generated company dominates both).
final class BenchSandboxProcess {
    let process = Process()
    let baseURL: String
    let account: String
    /// The counts line the sandbox printed ("billtop sandbox: N customers, ...").
    let summary: String
    private let output: Pipe

    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts `billtop sandbox serve --customers N --port 0` (the product's own command, from the `billtop`
    /// built beside this executable) and waits (up to `timeout` seconds: generating 100k customers takes
    /// about a minute) for it to print its base URL.
    init(customers: Int, timeout: Double = 600) throws {
        let billtop = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("billtop")
        guard FileManager.default.isExecutableFile(atPath: billtop.path) else {
            // `swift run billtop-bench` builds only the benchmarks; the child is the product's binary.
            throw StartFailure(
                description: "no billtop beside billtop-bench at \(billtop.path): run `swift build "
                    + "--product billtop` with the same -c first")
        }
        process.executableURL = billtop
        // The fetcher's manual clock starts at the default "now": the child must date its world the same.
        process.arguments = [
            "sandbox", "serve", "--customers", "\(customers)", "--port", "0",
            "--now", SandboxConfiguration.defaultNow.iso8601,
        ]
        output = Pipe()
        process.standardOutput = output
        // The child must serve with the default credentials the bench sends, whatever this shell exports.
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BILLTOP_SANDBOX_") }
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(timeout)
        let handle = output.fileHandleForReading
        func field(_ label: String) -> String? {
            text.split(separator: "\n").first { $0.hasPrefix(label) }.map {
                $0.dropFirst(label.count).trimmingCharacters(in: .whitespaces)
            }
        }
        while field("integrated account id:") == nil {
            let chunk = handle.availableData
            if chunk.isEmpty || Date() > deadline {
                process.terminate()
                throw StartFailure(description: "the sandbox process did not print its URL: \(text.prefix(200))")
            }
            text += String(decoding: chunk, as: UTF8.self)
        }
        baseURL = field("base URL:") ?? ""
        account = field("integrated account id:") ?? ""
        summary = text.split(separator: "\n").first.map(String.init) ?? ""
    }

    /// User + system CPU seconds the sandbox has used so far (/proc/PID/stat, clock ticks).
    func cpuSeconds() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        // Fields after the command name: state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The sandbox's peak RSS (VmHWM) in megabytes.
    func peakRSSMegabytes() -> Int {
        ProcessMeter.peakRSSMegabytes(status: "/proc/\(process.processIdentifier)/status")
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
