import Foundation
import Sandbox
import TestSupport
import Testing

/// GHL's official Python SDK (PyPI `gohighlevel-api-client` 3.0.0, which sends `Version: v3`) drives the
/// sandbox's contacts, notes, tasks and tags (`Fixtures/ghl-sdk/drive.py`). Skipped, saying so, when no
/// Python with the SDK is found: set BILLTOP_GHL_SDK_PYTHON to one, or
/// `python3 -m pip install gohighlevel-api-client==3.0.0`.
struct GHLSDKTests {
    /// A Python that imports the SDK: BILLTOP_GHL_SDK_PYTHON, else python3 on the PATH; nil when neither does.
    static let python: String? = {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["BILLTOP_GHL_SDK_PYTHON"], "/usr/bin/env"].compactMap { $0 }
        for candidate in candidates {
            let arguments =
                candidate == "/usr/bin/env" ? ["python3", "-c", "import highlevel"] : ["-c", "import highlevel"]
            let process = Process()
            process.executableURL = URL(fileURLWithPath: candidate)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { continue }
            process.waitUntilExit()
            if process.terminationStatus == 0 { return candidate }
        }
        return nil
    }()

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ghl-sdk/drive.py").path

    @Test(
        .enabled(
            if: python != nil,
            "GHL's Python SDK is not installed: pip install gohighlevel-api-client==3.0.0 (or set BILLTOP_GHL_SDK_PYTHON)"
        ))
    func theOfficialSDKsContactsNotesTasksAndTagsWork() async throws {
        let harness = try await SandboxHarness.start(customers: 10)
        defer { Task { await harness.stop() } }
        harness.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        let python = try #require(Self.python)
        let arguments =
            (python == "/usr/bin/env" ? ["python3"] : [])
            + [Self.script, harness.server.baseURL, harness.config.ghlToken, harness.config.ghlLocationID]
        // Off the cooperative pool: the sandbox answers on it while the script waits.
        let (status, text) = await OffPool.run { () -> (Int32, String) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            guard (try? process.run()) != nil else { return (-1, "") }
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        #expect(status == 0, "\(text)")
        #expect(text.hasPrefix("ok contact "), "\(text)")
    }
}
