import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The test cluster's server (and a tmux server) outlive the spawn that started them, and keep whatever they
/// inherited open until they stop. Foundation's `Process` makes the socket it learns its child's end from
/// inheritable; a server holding another test's socket made that test's `waitUntilExit` wait forever (a whole CI
/// run hung). So a spawned program must inherit nothing but stdin, stdout and stderr.
@Suite struct ChildSpawnTests {
    @Test func aSpawnedProgramInheritsNoDescriptorOfTheTestProcess() throws {
        var ends: [Int32] = [0, 0]
        // As Foundation's Process makes it: no close-on-exec.
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        defer { ends.forEach { close($0) } }
        let output = TestScratch.directory("spawn").appendingPathComponent("out").path
        let probe = "for fd in \(ends[0]) \(ends[1]); do [ -e /proc/$$/fd/$fd ] && echo inherited $fd; done; echo done"
        let status = try ChildSpawn.run(["/bin/sh", "-c", probe], output: output)
        #expect(ChildSpawn.succeeded(status))
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text == "done\n", "\(text)")
    }

    @Test func aFailingProgramsStatusSaysSo() throws {
        #expect(!ChildSpawn.succeeded(try ChildSpawn.run(["/bin/sh", "-c", "exit 3"])))
        #expect(throws: ChildSpawn.Failure.self) { try ChildSpawn.run(["/nonexistent/program"]) }
    }
}
