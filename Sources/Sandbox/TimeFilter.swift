import BillingCore

/// Chargify's `date_field` + `start_date`/`end_date`/`start_datetime`/`end_datetime` filter, inclusive at
/// both ends, in the site's time zone unless a time carries an offset. An unknown `date_field` means no
/// filter at all, as on the real API.
struct TimeFilter {
    /// The field filtered on.
    var field: String
    /// Inclusive bounds in seconds since 1970 (time fields) or days since 1970 (date fields).
    var lower: Int64?
    var upper: Int64?
    var isDateField: Bool

    enum Failure: Error { case badValue(String) }

    /// Parses the filter; nil when none applies. `timeFields` are seconds fields, `dateFields` day fields.
    static func parse(
        _ request: SandboxRequest, timeFields: Set<String>, dateFields: Set<String> = [],
        defaultField: String, offset: Int
    ) throws(Failure) -> TimeFilter? {
        let field = request["date_field"]?.trimmed ?? defaultField
        let isDate = dateFields.contains(field)
        guard isDate || timeFields.contains(field) else { return nil }
        var filter = TimeFilter(field: field, lower: nil, upper: nil, isDateField: isDate)
        if let text = request["start_date"], !text.isEmpty {
            guard let date = LocalDate(iso: text.trimmed) else { throw .badValue("start_date") }
            filter.lower = isDate ? Int64(date.daysSinceEpoch) : Int64(date.daysSinceEpoch) * 86_400 - Int64(offset)
        }
        if let text = request["end_date"], !text.isEmpty {
            guard let date = LocalDate(iso: text.trimmed) else { throw .badValue("end_date") }
            filter.upper =
                isDate ? Int64(date.daysSinceEpoch) : Int64(date.daysSinceEpoch + 1) * 86_400 - 1 - Int64(offset)
        }
        // The datetime bounds work only on time fields (the real API documents them for created/updated).
        if !isDate {
            if let text = request["start_datetime"], !text.isEmpty {
                guard let time = Timestamp(iso: text.trimmed, defaultOffsetSeconds: offset) else {
                    throw .badValue("start_datetime")
                }
                filter.lower = time.secondsSinceEpoch
            }
            if let text = request["end_datetime"], !text.isEmpty {
                guard let time = Timestamp(iso: text.trimmed, defaultOffsetSeconds: offset) else {
                    throw .badValue("end_datetime")
                }
                filter.upper = time.secondsSinceEpoch
            }
        }
        return filter.lower == nil && filter.upper == nil ? nil : filter
    }

    /// Whether a value (seconds or days, matching the field) lies inside the bounds; nil never matches.
    func contains(_ value: Int64?) -> Bool {
        guard let value else { return false }
        if let lower, value < lower { return false }
        if let upper, value > upper { return false }
        return true
    }

    /// A one-line message for a malformed bound.
    static func message(_ failure: Failure) -> String {
        switch failure {
        case .badValue(let name):
            return "\(name): use YYYY-MM-DD for dates or YYYY-MM-DD HH:MM:SS (optionally with an offset) for datetimes."
        }
    }
}
