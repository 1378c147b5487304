import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Ends transfers billtop already gave up on (a body over the cap, a request past its timeout) by
/// shutting down their sockets, so that libcurl stops reading them.
///
/// swift-corelibs URLSession cannot stop a transfer while its socket stays readable: libcurl loops,
/// reading and gzip-decoding, for as long as data is there, on the one work queue that every URLSession of
/// the process shares, and `cancel()` waits its turn behind it. Against a fast server a refused gzip bomb
/// held that queue (and so every other request of the process) for 47 s; an endless body would hold it
/// forever. After `shutdown(2)` the next read sees the end of the stream, the transfer fails at once and the
/// queue is free. Only sockets connected to the refused server with unread data waiting are touched (an
/// idle keep-alive connection has none); a sibling request caught by it fails and is retried. A socket
/// that happened to be empty at one look may be full at the next, so the cut is repeated until the
/// transfer has ended (`cut(host:port:until:)`). A server fast enough that libcurl drains the socket at
/// every look (650 MB/s on loopback: 39 GB sent in the minute a CI run waited) is never seen with unread
/// data, so after `politeAttempts` misses every socket to that origin is shut down, busy or idle.
/// On other systems URLSession's own `cancel()` stops the transfer.
enum ConnectionCutter {
    /// Looks (every 20 ms) that cut only sockets with unread data, before every socket to the origin is cut.
    static let politeAttempts = 50

    /// Looks in all (60 s) before the cutter gives up on a transfer that will not end.
    static let maxAttempts = 3_000

    /// Cuts now, then every 20 ms until `ended()` says so (the task left `.running`), for at most
    /// `maxAttempts` looks; `tried` counts the looks made so far.
    static func cut(host: String, port: Int, until ended: @escaping @Sendable () -> Bool, tried: Int = 0) {
        guard tried < maxAttempts, !ended() else { return }
        cut(host: host, port: port, onlyBusy: tried < politeAttempts)
        queue.asyncAfter(deadline: .now() + 0.02) {
            cut(host: host, port: port, until: ended, tried: tried + 1)
        }
    }

    /// A serial queue of its own: its threads are made as needed, never taken from Swift concurrency's.
    private static let queue = DispatchQueue(label: "billtop.http.cut")

    /// Shuts down this process's sockets connected to `host`:`port` (with `onlyBusy`, those with unread data);
    /// returns how many.
    @discardableResult
    static func cut(host: String, port: Int, onlyBusy: Bool = true) -> Int {
        #if os(Linux)
            let peers = addresses(of: host, port: port)
            guard !peers.isEmpty, let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
            else { return 0 }
            var count = 0
            for entry in entries {
                guard let fd = Int32(entry), fd > 2, isSocket(fd), let peer = peerAddress(fd), peers.contains(peer),
                    !onlyBusy || unreadBytes(fd) > 0
                else { continue }
                if shutdown(fd, Int32(SHUT_RDWR)) == 0 { count += 1 }
            }
            return count
        #else
            return 0
        #endif
    }

    /// An address and port as bytes (family, address, port in network order), comparable across sockets.
    struct Peer: Hashable {
        var family: Int32
        var address: [UInt8]
        var port: UInt16
    }

    #if os(Linux)
        static func isSocket(_ fd: Int32) -> Bool {
            var status = stat()
            return fstat(fd, &status) == 0 && (status.st_mode & S_IFMT) == S_IFSOCK
        }

        static func unreadBytes(_ fd: Int32) -> Int32 {
            var count: Int32 = 0
            return ioctl(fd, UInt(FIONREAD), &count) == 0 ? count : 0
        }

        static func peerAddress(_ fd: Int32) -> Peer? {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let ok = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &length) == 0 }
            }
            return ok ? peer(storage) : nil
        }

        /// Every address `host` resolves to (an IP literal is its own), with `port`.
        static func addresses(of host: String, port: Int) -> Set<Peer> {
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var list: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, String(port), &hints, &list) == 0 else { return [] }
            defer { freeaddrinfo(list) }
            var peers: Set<Peer> = []
            var node = list
            while let current = node {
                if let address = current.pointee.ai_addr {
                    var storage = sockaddr_storage()
                    withUnsafeMutableBytes(of: &storage) { target in
                        target.copyMemory(
                            from: UnsafeRawBufferPointer(start: address, count: Int(current.pointee.ai_addrlen)))
                    }
                    if let peer = peer(storage) { peers.insert(peer) }
                }
                node = current.pointee.ai_next
            }
            return peers
        }

        static func peer(_ storage: sockaddr_storage) -> Peer? {
            var storage = storage
            switch Int32(storage.ss_family) {
            case AF_INET:
                return withUnsafeBytes(of: &storage) { raw in
                    let address = raw.load(as: sockaddr_in.self)
                    return Peer(
                        family: AF_INET, address: withUnsafeBytes(of: address.sin_addr) { Array($0) },
                        port: address.sin_port)
                }
            case AF_INET6:
                return withUnsafeBytes(of: &storage) { raw in
                    let address = raw.load(as: sockaddr_in6.self)
                    return Peer(
                        family: AF_INET6, address: withUnsafeBytes(of: address.sin6_addr) { Array($0) },
                        port: address.sin6_port)
                }
            default:
                return nil
            }
        }
    #endif
}
