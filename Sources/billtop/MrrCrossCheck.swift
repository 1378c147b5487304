import BillingCore
import BillingStore
import BillingSync
import Foundation

/// `billtop mrr --cross-check`: Chargify's own movements (its deprecated `/mrr_movements.json`) beside billtop's,
/// per month, currency and kind, over the same months as `--json`. Chargify sources only: Truto's proxy has no
/// such report. A site that no longer answers it (404, 410) gets one line and no table.
enum MrrCrossCheck {
    static func run(
        _ info: SourceInfo, months: [MonthMovements], environment: [String: String], transport: any Transport
    ) async throws -> String {
        let name = TextSanitizer.clean(info.name)
        guard info.kind == SourceConfig.Kind.chargify.rawValue else {
            return
                "\(name): --cross-check is not available on a Truto source (Truto has no MRR report to compare with); use it on a Chargify source\n"
        }
        guard let first = months.first, let last = months.last else {
            return "\(name): no months of history to cross-check yet: run `billtop sync` first\n"
        }
        let range = "\(first.from)..\(last.through)"
        let config = try ActionSetup.sourceConfig(info, configPath: nil, environment: environment)
        let answer: ProviderMRRMovements.Answer
        do {
            answer = try await ProviderMRRMovements.read(config, transport: transport)
        } catch {
            throw CommandFailure(
                "\(name): Chargify's /mrr_movements.json could not be read (\(TextSanitizer.clean(String(describing: error)))); billtop's own figures are in `billtop mrr`",
                status: ExitStatus.of(error) ?? .network)
        }
        switch answer {
        case .gone(let status):
            return
                "\(name): the site answers \(status) to /mrr_movements.json (Chargify retired that report there), so there is nothing to cross-check; billtop's own figures are in `billtop mrr`\n"
        case .movements(let movements, let skipped):
            let differences = MovementCrossCheck.differences(
                provider: movements, billtop: months.map { ($0.month, $0.from, $0.through, $0.bridges) })
            var out = ""
            if differences.isEmpty {
                out = "\(name): no difference from Chargify's /mrr_movements.json in \(range)\n"
            } else {
                out = "\(name): \(differences.count) difference(s) from Chargify's /mrr_movements.json in \(range)\n"
                out += table(differences)
            }
            if skipped > 0 {
                out +=
                    "  (\(skipped) of Chargify's movements had no readable category, time, currency or amount and were not compared)\n"
            }
            return out
        }
    }

    /// One line per month, currency and kind that differ: both amounts and billtop minus Chargify.
    static func table(_ differences: [MovementCrossCheck.Difference]) -> String {
        let header = ["month", "currency", "movement", "Chargify", "billtop", "billtop - Chargify"]
        let rows = differences.map { d -> [String] in
            let money = { (units: Int64) in MoneyFormatter.format(Money(minorUnits: units, currency: d.currency)) }
            let delta = d.billtop - d.provider
            return [
                String(d.month.description.prefix(7)), d.currency.code, d.kind.rawValue, money(d.provider),
                money(d.billtop), (delta > 0 ? "+" : "-") + money(abs(delta)),
            ]
        }
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        let line = { (cells: [String]) in
            "  "
                + cells.enumerated().map { index, cell in
                    index >= 3
                        ? String(repeating: " ", count: widths[index] - cell.count) + cell
                        : cell + String(repeating: " ", count: widths[index] - cell.count)
                }.joined(separator: "  ") + "\n"
        }
        return ([line(header)] + rows.map(line)).joined()
    }
}
