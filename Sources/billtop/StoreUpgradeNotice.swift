import Foundation

/// The one line a command prints on stderr before it upgrades a store an older billtop wrote
/// (`BillingStore.open(path:upgrading:)`): a step that rewrites every customer takes seconds at 100k, and before
/// the screen is taken nothing else would say why the terminal waits.
enum StoreUpgradeNotice {
    static func say(_ line: String) {
        FileHandle.standardError.write(Data(("billtop: " + line + "…\n").utf8))
    }
}
