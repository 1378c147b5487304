import Foundation
import TestSupport
import Testing

@testable import BillingSync

#if canImport(Glibc)
    import Glibc
#endif

/// config.toml decides where keys go and key files hold them: others may not change either, and a key
/// file is judged by the file a link points at, named with the chmod that fixes it.
@Suite struct FilePermissionsTests {
    static let config = "[[source]]\nname = \"acme\"\nkind = \"chargify\"\nurl = \"https://acme.chargify.com\"\n"

    static func folder(_ label: String, mode: mode_t = 0o700) throws -> String {
        let dir = TestScratch.directory(label).path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        chmod(dir, mode)
        return dir
    }

    static func refusal(_ path: String) -> String? {
        do {
            _ = try ConfigLoader.load(path: path, environment: ["BILLTOP_API_KEY": "k"])
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aConfigOthersCanWriteIsRefusedWithTheChmodThatFixesIt() throws {
        let dir = try Self.folder("cfg-mode")
        let path = dir + "/config.toml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(Self.config.utf8))
        for mode: mode_t in [0o666, 0o620, 0o602] {
            chmod(path, mode)
            let message = try #require(Self.refusal(path), "mode \(String(mode, radix: 8)) was accepted")
            #expect(message.contains("\(path) is writable by others (mode \(String(mode, radix: 8)))"), "\(message)")
            #expect(message.hasSuffix("run chmod go-w \(path)"), "\(message)")
        }
        // The fix it gives works; others may read it (it cannot hold a key).
        chmod(path, 0o666)
        #expect(Self.refusal(path) != nil)
        #expect(system("chmod go-w '\(path)'") == 0)
        #expect(Self.refusal(path) == nil, "\(Self.refusal(path) ?? "")")
        chmod(path, 0o644)
        #expect(Self.refusal(path) == nil)
    }

    @Test func aConfigInADirectoryEveryoneCanWriteIsRefusedUnlessSticky() throws {
        let dir = try Self.folder("cfg-dir", mode: 0o777)
        defer { chmod(dir, 0o700) }
        let path = dir + "/config.toml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(Self.config.utf8))
        chmod(path, 0o600)
        chmod(dir, 0o777)
        let message = try #require(Self.refusal(path), "a file anyone could replace was accepted")
        #expect(message.contains("\(dir), the directory of \(path), is writable by everyone (mode 777)"), "\(message)")
        #expect(message.contains("chmod o-w \(dir)"), "\(message)")
        // /tmp's way: with the sticky bit only the owner may replace the file.
        chmod(dir, 0o1777)
        #expect(Self.refusal(path) == nil)
        chmod(dir, 0o775)  // group-writable: not refused (user private groups make this common)
        #expect(Self.refusal(path) == nil)
    }

    @Test func aConfigReachedThroughALinkIsJudgedByItsTarget() throws {
        let dir = try Self.folder("cfg-link")
        let target = dir + "/real.toml"
        let link = dir + "/config.toml"
        _ = FileManager.default.createFile(atPath: target, contents: Data(Self.config.utf8))
        #expect(symlink(target, link) == 0)
        chmod(target, 0o600)
        #expect(Self.refusal(link) == nil, "\(Self.refusal(link) ?? "")")
        chmod(target, 0o664)
        let message = try #require(Self.refusal(link))
        #expect(message.contains("\(link) -> \(target) is writable by others (mode 664)"), "\(message)")
        #expect(message.hasSuffix("chmod go-w \(target)"), "\(message)")
    }

    static func keyFileRefusal(_ path: String) -> String? {
        let text = "[[source]]\nname = \"a\"\nkind = \"chargify\"\nurl = \"https://x.example\"\nkey_file = \"\(path)\""
        do {
            _ = try ConfigLoader.parse(text, path: "c.toml")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aLinkedKeyFileIsJudgedByTheFileItPointsAt() throws {
        let dir = try Self.folder("key-link")
        let target = dir + "/real.key"
        let link = dir + "/acme.key"
        _ = FileManager.default.createFile(atPath: target, contents: Data("secret-key\n".utf8))
        #expect(symlink(target, link) == 0)
        chmod(target, 0o600)
        // A link to a private file is fine (it was refused as "mode 777", the link's own bits).
        #expect(Self.keyFileRefusal(link) == nil, "\(Self.keyFileRefusal(link) ?? "")")
        chmod(target, 0o640)
        let readable = try #require(Self.keyFileRefusal(link))
        #expect(
            readable.contains("\(link) -> \(target) is readable by others (mode 640); run chmod 600 \(target)"),
            "\(readable)")
        #expect(!readable.contains("secret-key"))
        chmod(target, 0o620)
        let writable = try #require(Self.keyFileRefusal(link))
        #expect(
            writable.contains("\(link) -> \(target) is writable by others (mode 620); run chmod 600 \(target)"),
            "\(writable)")
        // Without a link the message names the file once.
        chmod(target, 0o604)
        let plain = try #require(Self.keyFileRefusal(target))
        #expect(
            plain.contains("key 'key_file': \(target) is readable by others (mode 604); run chmod 600 \(target)"),
            "\(plain)")
    }
}
