import BillingCore
import Foundation
import TUIKit

/// How numbers, dates and states read on screen.
public enum Formats {
    /// Per-currency totals side by side ("$1,200.00 · €980.00"), "—" when empty.
    public static func totals(_ totals: MoneyTotals, compact: Bool = false) -> String {
        let amounts = totals.nonZeroAmounts
        guard !amounts.isEmpty else { return "—" }
        return amounts.map { compact ? MoneyFormatter.compact($0) : MoneyFormatter.format($0) }.joined(separator: " · ")
    }

    /// Per-currency totals in `width` cells: all of them, full or else compact, when they fit; else as many
    /// compact ones as fit and how many currencies are left out ("¥11.7K +1"), so a cut cell never hides that
    /// a second currency exists ("¥11.7K · …" did).
    public static func totals(_ totals: MoneyTotals, width: Int) -> String {
        let forms = TotalsForm.forms(of: totals)
        return (forms.first { $0.cells <= width } ?? forms[forms.count - 1]).text
    }

    /// Labelled per-currency totals on one summary line of `width` cells ("overdue … · MRR at risk …"): in full
    /// when the line fits, else each part in one of its narrower forms, each saying how many currencies it leaves
    /// out, so the terminal's edge never cuts a part away. Of the forms that fit: the most amounts shown, then the
    /// fairest share (no part left with one amount when another could give it room), then the fullest.
    public static func labelledTotals(_ parts: [(label: String, totals: MoneyTotals)], width: Int) -> String {
        let separator = " · "
        let forms = parts.map { TotalsForm.forms(of: $0.totals) }
        let labels = parts.reduce(DisplayWidth.of(separator) * max(0, parts.count - 1)) {
            $0 + DisplayWidth.of($1.label)
        }
        let room = max(0, width - labels)
        // Each part's first form is its amounts in full: the whole line in full when they fit together.
        if forms.reduce(0, { $0 + $1[0].cells }) <= room {
            return parts.indices.map { parts[$0].label + forms[$0][0].text }.joined(separator: separator)
        }
        var best: [TotalsForm]?
        func choose(_ chosen: [TotalsForm], _ cells: Int) {
            guard chosen.count < forms.count else {
                if best.map({ TotalsForm.better(chosen, than: $0) }) ?? true { best = chosen }
                return
            }
            for form in forms[chosen.count] where cells + form.cells <= room {
                choose(chosen + [form], cells + form.cells)
            }
        }
        choose([], 0)
        let texts = best?.map(\.text) ?? forms.map { $0[$0.count - 1].text }
        return parts.indices.map { parts[$0].label + texts[$0] }.joined(separator: separator)
    }

    /// The full amount when it fits `width` cells, else the compact one ("€13,047.12" or "€13.0K").
    public static func money(_ money: Money, width: Int) -> String {
        let full = MoneyFormatter.format(money)
        return DisplayWidth.of(full) <= width ? full : MoneyFormatter.compact(money)
    }

    /// "14s ago", "3m ago", "2h ago", "5d ago".
    public static func ago(_ then: Timestamp, now: Timestamp) -> String {
        let s = max(0, now.secondsSinceEpoch - then.secondsSinceEpoch)
        if s < 60 { return "\(s)s ago" }
        if s < 3600 { return "\(s / 60)m ago" }
        if s < 86_400 { return "\(s / 3600)h ago" }
        return "\(s / 86_400)d ago"
    }

    /// "12d overdue", "due in 3d", "due today", or the status for settled invoices; "722d late" when
    /// "722d overdue" would not fit in `width` columns (a cut "722d overd…" reads worse).
    public static func dueText(_ row: InvoiceRow, asOf: LocalDate, width: Int = .max) -> String {
        if row.isOverdue { return overdue(days: row.daysOverdue, width: width) }
        guard row.isOpen else { return row.status.apiValue }
        guard let due = row.dueDate else { return "open" }
        let days = asOf.days(until: due)
        return days == 0 ? "due today" : "due in \(days)d"
    }

    /// The role a subscription state is drawn in.
    public static func role(_ state: SubscriptionState?) -> StyleRole {
        guard let state else { return .muted }
        if state.isProblem { return .danger }
        if state == .active { return .ok }
        if state == .trialing { return .accent }
        return .muted
    }

    /// "12d overdue", or "12d late" when the long form is wider than `width`.
    public static func overdue(days: Int, width: Int = .max) -> String {
        let long = "\(days)d overdue"
        return long.count <= width ? long : "\(days)d late"
    }

    /// "past due" for past_due; in a column narrower than the words, a short label ("soft fail") instead
    /// of a cut one ("soft fai…").
    public static func state(_ state: SubscriptionState?, width: Int = .max) -> String {
        guard let state else { return "—" }
        let long = state.apiValue.replacingOccurrences(of: "_", with: " ")
        guard long.count > width else { return long }
        switch state {
        case .softFailure: return "soft fail"
        case .trialEnded: return "trial end"
        case .failedToCreate: return "failed"
        case .awaitingSignup: return "awaiting"
        case .assessing: return "assessing"
        default: return long
        }
    }

    /// An e-mail address in `width` columns keeping what tells addresses apart: the whole address, else the
    /// part before "@" and what fits of the domain ("amara.okafor.123@exa…"), else its start and end around "…" ("amara…r.123").
    public static func email(_ email: String, width: Int) -> String {
        let clean = TextSanitizer.clean(email)
        guard width > 0, DisplayWidth.of(clean) > width else { return clean }
        let local =
            clean.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? clean
        if DisplayWidth.of(local) + 2 <= width { return TextLayout.truncate(clean, to: width) }
        if DisplayWidth.of(local) <= width { return local }
        guard width >= 5 else { return TextLayout.truncate(local, to: width) }
        let characters = Array(local)
        var head = "", tail = ""
        var headWidth = 0, tailWidth = 0
        let headBudget = (width - 1) / 2, tailBudget = width - 1 - headBudget
        for character in characters {
            let w = DisplayWidth.of(character)
            if headWidth + w > headBudget { break }
            head.append(character)
            headWidth += w
        }
        for character in characters.reversed() {
            let w = DisplayWidth.of(character)
            if tailWidth + w > tailBudget { break }
            tail.insert(character, at: tail.startIndex)
            tailWidth += w
        }
        return head + "…" + tail
    }

    /// "1 retry", "3 retries".
    /// Month-over-month change of the last two values as "+3.1% m/m", rounded half-up to tenths; nil without
    /// a positive previous month.
    public static func monthOverMonth(_ values: [Int64]) -> String? {
        guard values.count >= 2, let last = values.last else { return nil }
        let previous = values[values.count - 2]
        guard previous > 0 else { return nil }
        let tenths = ((last - previous) * 2000 / previous + ((last >= previous) ? 1 : -1)) / 2
        let sign = tenths >= 0 ? "+" : "-"
        let m = abs(tenths)
        return "\(sign)\(m / 10).\(m % 10)% m/m"
    }

    public static func retries(_ count: Int) -> String {
        count == 1 ? "1 retry" : "\(count) retries"
    }

    /// The card brand as people say it: "american_express" -> "Amex", "master" -> "Mastercard".
    public static func cardBrand(_ apiValue: String) -> String {
        let key = apiValue.lowercased().replacingOccurrences(of: " ", with: "_")
        if let known = brands[key] { return known }
        let words = TextSanitizer.clean(apiValue).replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// How a payment was made, as people say it: ("credit_card", "visa ****4242") -> "Visa card 4242",
    /// ("bank_transfer", "") -> "Bank transfer". The mapper stores Chargify's raw words; this is for the screen.
    public static func paymentMethod(_ method: String, detail: String) -> String {
        let words = detail.split(separator: " ").map(String.init)
        if method == "credit_card" || method == "card" {
            // The masked number is the last word with a digit in it; whatever comes before it is the brand.
            let numberIndex = words.lastIndex { $0.contains(where: \.isNumber) }
            let brandWords = numberIndex.map { Array(words[..<$0]) } ?? words
            let brand = brandWords.isEmpty ? "" : cardBrand(brandWords.joined(separator: "_")) + " "
            let last4 = numberIndex.map { " " + String(words[$0].filter(\.isNumber).suffix(4)) } ?? ""
            return brand + "card" + last4
        }
        let name =
            methods[method.lowercased()]
            ?? {
                let plain = TextSanitizer.clean(method).replacingOccurrences(of: "_", with: " ")
                return plain.prefix(1).uppercased() + plain.dropFirst()
            }()
        let said = TextSanitizer.clean(detail)
        // Servers often repeat the method in its details ("Bank transfer", "ACH ref 12"): say the name once.
        let heard = said.lowercased(), spoken = name.lowercased()
        if heard == spoken || heard.hasPrefix(spoken + " ") {
            return name + said.dropFirst(name.count)
        }
        return [name, said].filter { !$0.isEmpty }.joined(separator: " ")
    }

    private static let methods: [String: String] = [
        "ach": "ACH", "bank_transfer": "Bank transfer", "paypal_account": "PayPal", "apple_pay": "Apple Pay",
        "check": "Cheque", "cash": "Cash", "external": "External", "credit": "Credit",
    ]

    private static let brands: [String: String] = [
        "american_express": "Amex", "amex": "Amex", "visa": "Visa", "master": "Mastercard", "mastercard": "Mastercard",
        "discover": "Discover", "diners_club": "Diners", "jcb": "JCB", "unionpay": "UnionPay", "maestro": "Maestro",
    ]
}
