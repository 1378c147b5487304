import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A pseudo-terminal for driving CursesTerminal in tests: curses writes to the slave side, a background
/// thread drains the master side (so curses never blocks on a full buffer) and keeps every byte.
final class PseudoTerminal: @unchecked Sendable {
    let master: Int32
    let slave: Int32
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private var running = true
    private var thread: Thread?

    init?(width: Int, height: Int) {
        // posix_openpt and friends are hidden from Swift's Glibc module; these are their Linux ioctls.
        let m = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard m >= 0 else { return nil }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(m, 0x4004_5431 /* TIOCSPTLCK */, &unlock) == 0, ioctl(m, 0x8004_5430 /* TIOCGPTN */, &number) == 0
        else {
            Glibc.close(m)
            return nil
        }
        let s = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard s >= 0 else { Glibc.close(m); return nil }
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(s, UInt(TIOCSWINSZ), &size)
        // Non-blocking, so the drain thread and `takeOutput` can both read without one blocking the other.
        _ = fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK)
        master = m
        slave = s
        let thread = Thread { [self] in drain() }
        self.thread = thread
        thread.start()
    }

    private func drain() {
        while true {
            lock.lock()
            let keepGoing = running
            lock.unlock()
            if !keepGoing { return }
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&fds, 1, 20) > 0 else { continue }
            readAvailable()
        }
    }

    /// Moves every byte waiting on the master side into the buffer (read and append under one lock, so
    /// bytes stay in order whichever thread reads them).
    private func readAvailable() {
        var chunk = [UInt8](repeating: 0, count: 65536)
        lock.lock()
        defer { lock.unlock() }
        while true {
            let n = read(master, &chunk, chunk.count)
            if n <= 0 { return }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    /// Waits until no byte has arrived for `quietMilliseconds` (bounded polling), then returns and clears them.
    func takeOutput(quietMilliseconds: Int = 150, limitMilliseconds: Int = 3000) -> [UInt8] {
        var lastCount = -1
        var waited = 0
        var quiet = 0
        while waited < limitMilliseconds, quiet < quietMilliseconds {
            usleep(10_000)
            waited += 10
            // Read here too: under load the drain thread can go unscheduled for longer than the quiet time,
            // and bytes already written must never be missed because of that.
            readAvailable()
            lock.lock()
            let count = buffer.count
            lock.unlock()
            if count == lastCount { quiet += 10 } else { quiet = 0; lastCount = count }
        }
        lock.lock()
        defer { buffer.removeAll(); lock.unlock() }
        return buffer
    }

    /// Types bytes as if the user pressed keys.
    func type(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    func close() {
        lock.lock()
        running = false
        lock.unlock()
        usleep(50_000)
        Glibc.close(slave)
        Glibc.close(master)
    }
}
