import BillingCore
import Foundation
import TOMLKit

/// The `[metrics]` table of config.toml, validated into `MetricsSettings`; errors name file, line and key.
struct MetricsTable {
    let table: TOMLTable
    let path: String
    let text: String

    static let allowedKeys: Set<String> = ["unpaid_counts_in_mrr", "reactivation_window_days", "conversion"]
    static let conversionKeys: Set<String> = ["target", "rate_date", "rates"]

    func fail(_ key: String, _ message: String) -> ConfigError {
        ConfigError("\(path):\(MetricsTable.line(of: key, in: text)): key 'metrics.\(key)': \(message)")
    }

    func make() throws -> MetricsSettings {
        for key in table.keys where !MetricsTable.allowedKeys.contains(key) {
            throw fail(key, "unknown key; allowed: \(MetricsTable.allowedKeys.sorted().joined(separator: ", "))")
        }
        var settings = MetricsSettings()
        if let value = table["unpaid_counts_in_mrr"] {
            guard let flag = value.bool else { throw fail("unpaid_counts_in_mrr", "must be true or false") }
            settings.unpaidCountsInMRR = flag
        }
        if let value = table["reactivation_window_days"] {
            guard let days = value.int, (1...3650).contains(days) else {
                throw fail("reactivation_window_days", "must be a whole number of days from 1 to 3650")
            }
            settings.reactivationWindowDays = days
        }
        if let value = table["conversion"] {
            guard let conversion = value.table else { throw fail("conversion", "must be a [metrics.conversion] table") }
            settings.conversionRates = try rates(conversion)
        }
        return settings
    }

    private func rates(_ conversion: TOMLTable) throws -> ConversionRateTable {
        for key in conversion.keys where !MetricsTable.conversionKeys.contains(key) {
            throw fail("conversion.\(key)", "unknown key; allowed: target, rate_date, rates")
        }
        guard let targetText = conversion["target"]?.string, let target = Currency(targetText) else {
            throw fail("target", "must be a currency code such as \"USD\"")
        }
        guard let dateText = conversion["rate_date"]?.string, let date = LocalDate(iso: dateText) else {
            throw fail("rate_date", "must be the date the rates are from, as \"YYYY-MM-DD\"")
        }
        guard let rateTable = conversion["rates"]?.table, !rateTable.keys.isEmpty else {
            throw fail("rates", "must be a table like { EUR = \"1.0842\" }")
        }
        var rates: [Currency: ExactDecimal] = [:]
        for code in rateTable.keys {
            guard let currency = Currency(code) else {
                throw fail("rates", "'\(TextSanitizer.clean(code))' is not a currency code")
            }
            // Strings only: a TOML float would already have lost exactness before we saw it.
            guard let text = rateTable[code]?.string, let rate = ExactDecimal(parsing: text), rate.significand > 0
            else {
                throw fail(
                    "rates", "the rate for \(currency.code) must be a positive decimal in quotes, e.g. \"1.0842\"")
            }
            rates[currency] = rate
        }
        return ConversionRateTable(target: target, rateDate: date, rates: rates)
    }

    /// The line of `key` inside the `[metrics]` section (or of the section itself).
    static func line(of key: String, in text: String) -> Int {
        var inMetrics = false
        var sectionLine = 1
        let leaf = key.split(separator: ".").last.map(String.init) ?? key
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                inMetrics = line.hasPrefix("[metrics")
                if inMetrics, sectionLine == 1 { sectionLine = number + 1 }
                continue
            }
            if inMetrics, line.hasPrefix(leaf),
                line.dropFirst(leaf.count).trimmingCharacters(in: .whitespaces).hasPrefix("=")
            {
                return number + 1
            }
        }
        return sectionLine
    }
}
