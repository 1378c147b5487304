import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Keeps HTTP responses off the disk. In swift-corelibs-foundation every `URLSessionConfiguration`
/// starts from `.default`, which reads `URLCache.shared`; the first read creates that cache with a disk
/// directory, ~/.cache/org.swift.foundation.URLCache/<process name>, before billtop can set `urlCache =
/// nil`. Installing a cache first whose directory cannot be made (a path under /dev/null) means no
/// directory is ever created and nothing is ever written: customer data never lands in ~/.cache.
enum NoDiskCache {
    private static let installed: Bool = {
        URLCache.shared = URLCache(memoryCapacity: 0, diskCapacity: 0, diskPath: "/dev/null/billtop-no-http-cache")
        removeCookieHome()
        return true
    }()

    /// corelibs' `HTTPCookieStorage.shared`, which every configuration reads too, makes an empty directory
    /// named after the binary's folder in $XDG_DATA_HOME ("debug", "bin"; 0777 under umask 000). billtop never
    /// keeps cookies (`httpCookieStorage = nil`), so a directory that appeared while the storage was made, and
    /// is still empty, is removed. billtop's own directory is never touched, even if another billtop just made it.
    private static func removeCookieHome() {
        let files = FileManager.default
        let environment = ProcessInfo.processInfo.environment
        let data =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
        let before = Set((try? files.contentsOfDirectory(atPath: data)) ?? [])
        _ = HTTPCookieStorage.shared
        let after = Set((try? files.contentsOfDirectory(atPath: data)) ?? [])
        for name in after.subtracting(before) where name != "billtop" {
            let path = data + "/" + name
            if (try? files.contentsOfDirectory(atPath: path))?.isEmpty == true { try? files.removeItem(atPath: path) }
        }
    }

    /// Idempotent; call before making any `URLSessionConfiguration`.
    static func install() {
        _ = installed
    }
}
