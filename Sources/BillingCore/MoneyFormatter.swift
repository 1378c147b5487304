/// Formats money for people: "$1,200.00", "€980.00", "¥5,000", "KWD 1.250", compact "$2.21M".
public enum MoneyFormatter {
    /// Full precision with grouping and the currency's symbol or code.
    public static func format(_ money: Money, showPlus: Bool = false) -> String {
        let exponent = money.currency.exponent
        let magnitude = money.minorUnits.magnitude
        let divisor = UInt64(money.currency.minorPerMajor)
        let major = magnitude / divisor
        let minor = magnitude % divisor
        var text = grouped(major)
        if exponent > 0 {
            var fraction = String(minor)
            while fraction.count < exponent { fraction = "0" + fraction }
            text += "." + fraction
        }
        return decorate(text, money: money, showPlus: showPlus)
    }

    /// Short form for tight columns: "$184.2K", "$2.21M", "¥5,000"; exact below 10,000 major units.
    public static func compact(_ money: Money, showPlus: Bool = false) -> String {
        let divisor = UInt64(money.currency.minorPerMajor)
        let major = money.minorUnits.magnitude / divisor
        if major < 10_000 {
            return format(money, showPlus: showPlus)
        }
        let units: [(UInt64, String)] = [(1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")]
        for (size, suffix) in units where major >= size {
            // Three significant digits, rounded half-up on the integer major value (display only).
            let scaled = major * 100 / size  // hundredths of the unit
            let text: String
            if scaled >= 10_000 {
                text = String((scaled + 50) / 100)
            } else if scaled >= 1_000 {
                let tenths = (scaled + 5) / 10
                text = "\(tenths / 10).\(tenths % 10)"
            } else {
                text = "\(scaled / 100).\(twoDigits(scaled % 100))"
            }
            return decorate(text + suffix, money: money, showPlus: showPlus)
        }
        return format(money, showPlus: showPlus)
    }

    private static func decorate(_ number: String, money: Money, showPlus: Bool) -> String {
        let sign = money.minorUnits < 0 ? "-" : (showPlus && money.minorUnits > 0 ? "+" : "")
        if let symbol = money.currency.symbol {
            return sign + symbol + number
        }
        return sign + money.currency.code + " " + number
    }

    private static func twoDigits(_ value: UInt64) -> String {
        value < 10 ? "0\(value)" : String(value)
    }

    /// "1,234,567": thousands separated by commas, as amounts and counts are shown everywhere.
    public static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3)
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
