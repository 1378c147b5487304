import Foundation
import TestSupport
import Testing

/// No HTTP response is cached on disk: a real `billtop sync` with HOME and XDG_CACHE_HOME in a scratch
/// directory leaves no Foundation URLCache directory there (swift-corelibs used to create
/// $XDG_CACHE_HOME/org.swift.foundation.URLCache/billtop on the first URLSession configuration), and no
/// cookie-storage directory beside billtop's own data.
@Suite(.serialized) struct ReliabilityHTTPCacheTests {
    @Test func aSyncLeavesNoURLCacheOnDisk() async throws {
        let server = try HostileHTTPServer(handler: HostileSite.emptyChargify)
        defer { server.stop() }
        let work = try ReliabilityProcess.workDirectory("urlcache")
        defer { try? FileManager.default.removeItem(at: work) }
        let env = ReliabilityProcess.environment(
            home: work, extra: ["BILLTOP_API_KEY": "k3y", "XDG_CACHE_HOME": work.path + "/cache"])
        let run = try await ReliabilityProcess.run(
            ["sync", "--chargify", server.baseURL], environment: env, directory: work)
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(server.requests().count >= 4)
        let walker = FileManager.default.enumerator(atPath: work.path)
        let paths = (walker?.allObjects as? [String]) ?? []
        let cached = paths.filter { $0.contains("URLCache") || $0.hasPrefix("cache") || $0.hasPrefix(".cache") }
        #expect(cached.isEmpty, "cache paths: \(cached)")
        // Nor the cookie storage's empty home beside billtop's own data ($XDG_DATA_HOME/debug for this binary).
        let data = (try? FileManager.default.contentsOfDirectory(atPath: work.path + "/data")) ?? []
        #expect(data == ["billtop"], "in XDG_DATA_HOME: \(data)")
    }
}
