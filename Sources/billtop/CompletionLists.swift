import ArgumentParser
import BillingSync
import Foundation
import TUIKit

/// What the shell completes for `--source` and `--theme` (issue 20). The completion scripts run
/// `billtop ---completion ...` at each tab, which calls these: they read the config file without its keys
/// (`resolveSecrets: false`) and the theme directory, print nothing else, and stay silent when either is
/// missing or broken, so a tab never prints an error into the user's command line.
enum CompletionLists {
    /// `--source NAME`: the `[[source]]` names of the config file ($BILLTOP_CONFIG or the default path).
    static let sources = CompletionKind.custom { _, _, prefix in
        let environment = ProcessInfo.processInfo.environment
        let path = ConfigLoader.defaultPath(environment: environment)
        let names =
            (try? ConfigLoader.load(path: path, environment: environment, resolveSecrets: false))?.map(\.name) ?? []
        return offer(names, prefix: prefix)
    }

    /// `--theme NAME`: the built-in themes and the user's own (`$XDG_CONFIG_HOME/billtop/themes/*.toml`).
    static let themes = CompletionKind.custom { _, _, prefix in
        offer(ThemeLoader(environment: ProcessInfo.processInfo.environment).availableNames(), prefix: prefix)
    }

    /// The names that start with `prefix`, sorted; a name a shell could misread (a space, a quote, a control
    /// character: file names and config values are hostile) is left out rather than escaped.
    static func offer(_ names: [String], prefix: String) -> [String] {
        let safe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-"))
        return names.filter { name in
            !name.isEmpty && name.hasPrefix(prefix)
                && name.unicodeScalars.allSatisfy { safe.contains($0) && $0.isASCII }
        }.sorted()
    }
}
