import BillingCore
import Testing

@testable import BillingSync

@Suite("The [metrics] table of config.toml")
struct MetricsConfigTests {
    @Test func absentTableGivesTheDefaults() throws {
        #expect(try ConfigLoader.parseMetricsSettings("", path: "c.toml") == .standard)
    }

    @Test func readsEverySetting() throws {
        let text = """
            [metrics]
            unpaid_counts_in_mrr = true
            reactivation_window_days = 365
            [metrics.conversion]
            target = "USD"
            rate_date = "2026-06-01"
            rates = { EUR = "1.0842", JPY = "0.0065" }
            """
        let settings = try ConfigLoader.parseMetricsSettings(text, path: "c.toml")
        #expect(settings.unpaidCountsInMRR)
        #expect(settings.reactivationWindowDays == 365)
        #expect(settings.conversionRates?.target == .usd)
        #expect(settings.conversionRates?.rateDate == LocalDate(iso: "2026-06-01"))
        #expect(settings.conversionRates?.rate(for: .eur) == ExactDecimal(parsing: "1.0842"))
    }

    @Test(arguments: [
        ("[metrics]\nunpaid_counts_in_mrr = \"yes\"\n", "c.toml:2: key 'metrics.unpaid_counts_in_mrr'"),
        ("[metrics]\nreactivation_window_days = 0\n", "c.toml:2: key 'metrics.reactivation_window_days'"),
        ("[metrics]\nunknown = 1\n", "c.toml:2: key 'metrics.unknown': unknown key"),
        (
            "[metrics.conversion]\ntarget = \"USD\"\nrate_date = \"2026-06-01\"\nrates = { EUR = 1.08 }\n",
            "key 'metrics.rates'"
        ),
        ("[metrics.conversion]\ntarget = \"US\"\n", "key 'metrics.target'"),
    ])
    func badSettingsNameFileLineAndKey(text: String, expected: String) {
        do {
            _ = try ConfigLoader.parseMetricsSettings(text, path: "c.toml")
            Issue.record("accepted an invalid [metrics] table")
        } catch let error as ConfigError {
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(!error.message.contains("\n"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func sourcesStillParseBesideAMetricsTable() throws {
        let text = """
            [[source]]
            name = "acme"
            kind = "chargify"
            url = "https://acme.chargify.com"

            [metrics]
            unpaid_counts_in_mrr = true
            """
        let sources = try ConfigLoader.parse(text, path: "c.toml", environment: ["BILLTOP_API_KEY": "k"])
        #expect(sources.map(\.name) == ["acme"])
    }
}
