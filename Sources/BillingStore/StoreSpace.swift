import BillingCore
import Foundation

/// How a store file's pages are used: SQLite frees a deleted row's pages for reuse but never gives them back to
/// the disk by itself, so a store that dropped much (a team copy that forgot its JSON, a source removed) keeps
/// its size until it is compacted (`BillingStore.compact`).
public struct StoreSpace: Sendable, Equatable {
    public let pageSize: Int64
    public let pages: Int64
    public let freePages: Int64

    public init(pageSize: Int64, pages: Int64, freePages: Int64) {
        self.pageSize = pageSize
        self.pages = pages
        self.freePages = freePages
    }

    /// The database's size (the main file once its write-ahead log is checkpointed).
    public var bytes: Int64 { pageSize * pages }
    /// What compacting would give back.
    public var freeBytes: Int64 { pageSize * freePages }
    /// What the data holds.
    public var usedBytes: Int64 { bytes - freeBytes }

    /// Free disk a compaction needs: SQLite writes the whole used database once to a temporary file and once
    /// more into the write-ahead log before the file shrinks, plus room to spare.
    public var neededToCompact: Int64 { usedBytes * 2 + (64 << 20) }

    /// "1,652.8 MB" (mebibytes, to a tenth), or "10.2 GB" from 10 GB on: how `store compact` and `status` say sizes.
    public static func describe(_ bytes: Int64) -> String {
        let megabytes = Double(max(0, bytes)) / 1_048_576
        if megabytes >= 10_240 { return String(format: "%.1f GB", megabytes / 1024) }
        let tenths = Int64((megabytes * 10).rounded())
        return "\(MoneyFormatter.grouped(UInt64(tenths / 10))).\(tenths % 10) MB"
    }

    /// Worth compacting: a tenth of the file, and at least 16 MB, is free.
    public var worthCompacting: Bool { freeBytes >= 16 << 20 && freePages * 10 >= pages }
}
