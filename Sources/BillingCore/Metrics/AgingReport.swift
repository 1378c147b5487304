/// Receivables by aging bucket and currency as of one day.
public struct AgingReport: Hashable, Sendable, Codable {
    /// One bucket of one currency.
    public struct Cell: Hashable, Sendable, Codable {
        public var amount: Money
        public var invoices: Int

        public init(amount: Money, invoices: Int) {
            self.amount = amount
            self.invoices = invoices
        }
    }

    /// The day the report is as of.
    public var asOf: LocalDate
    /// Bucket cells per currency.
    public var cells: [Currency: [AgingBucket: Cell]] = [:]

    public init(asOf: LocalDate) { self.asOf = asOf }

    /// Aging of `invoices` as of `date`, from each invoice's due date.
    public init(invoices: some Sequence<Invoice>, asOf date: LocalDate) {
        self.init(asOf: date)
        for invoice in invoices {
            guard let bucket = InvoiceStanding.bucket(invoice, on: date) else { continue }
            add(InvoiceStanding.outstanding(invoice, on: date), to: bucket)
        }
    }

    /// Adds one invoice's outstanding amount to a bucket.
    public mutating func add(_ amount: Money, to bucket: AgingBucket, invoices count: Int = 1) {
        var cell = cells[amount.currency, default: [:]][bucket] ?? Cell(amount: .zero(amount.currency), invoices: 0)
        cell.amount += amount
        cell.invoices += count
        cells[amount.currency, default: [:]][bucket] = cell
    }

    /// The cell of one bucket and currency (zero when empty).
    public func cell(_ bucket: AgingBucket, _ currency: Currency) -> Cell {
        cells[currency]?[bucket] ?? Cell(amount: .zero(currency), invoices: 0)
    }

    /// Currencies present, by code.
    public var currencies: [Currency] { cells.keys.sorted() }

    /// Open receivable: the due amounts of overdue invoices (every bucket but current), per currency.
    public var openReceivable: MoneyTotals {
        var totals = MoneyTotals()
        for (currency, buckets) in cells {
            for (bucket, cell) in buckets where bucket.isOverdue { totals.add(cell.amount) }
            if totals.byCurrency[currency] == nil { totals.add(.zero(currency)) }
        }
        return totals
    }

    /// Everything outstanding, due or not, per currency.
    public var totalOutstanding: MoneyTotals {
        var totals = MoneyTotals()
        for buckets in cells.values { for cell in buckets.values { totals.add(cell.amount) } }
        return totals
    }
}
