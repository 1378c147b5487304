import Foundation

// `rusage`'s `timeval` resolves to Dispatch's C module once NIO (PostgresNIO, under BillingStore) is in the
// module graph: both are imported so the fields are visible whichever module defines them.
#if canImport(Glibc)
    import Glibc
#endif
#if canImport(CDispatch)
    import CDispatch
#endif

/// What the benchmarks read of a process's cost: CPU seconds and peak memory (Linux /proc).
enum ProcessMeter {
    /// User + system CPU seconds of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(0, &usage)  // 0 = RUSAGE_SELF (Glibc imports the enum with a type getrusage does not take)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
    }

    /// VmHWM (the peak resident set) from /proc/self/status, or another process's status file, in megabytes;
    /// 0 when it cannot be read.
    static func peakRSSMegabytes(status: String = "/proc/self/status") -> Int {
        guard let text = try? String(contentsOfFile: status, encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1_024
    }
}

extension ProcessMeter {
    /// VmRSS (the resident set now) in megabytes; 0 when it cannot be read.
    static func residentMegabytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1_024
    }
}
