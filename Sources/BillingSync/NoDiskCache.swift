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
        return true
    }()

    /// Idempotent; call before making any `URLSessionConfiguration`.
    static func install() {
        _ = installed
    }
}
