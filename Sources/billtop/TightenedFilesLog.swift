import BillingStore
import BillingSync
import Foundation
import Logging

/// Says in the log (never on the screen: it is not the user's task, and it is done) which store files or
/// directories opening the store made private because others could read them.
enum TightenedFilesLog {
    static func record(_ store: BillingStore, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard !store.tightened.isEmpty else { return }
        let path = FileLogHandler.defaultPath(environment: environment)
        let logger = Logger(label: "billtop.files") { label in FileLogHandler(label: label, path: path, secrets: []) }
        for note in store.tightened { logger.notice("\(note)") }
    }
}
