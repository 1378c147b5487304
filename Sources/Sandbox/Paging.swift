/// Chargify paging: `page` from 1, `per_page` with a per-resource default, silently clamped to 200.
struct Paging {
    var page: Int
    var perPage: Int

    static let maximum = 200

    init(_ request: SandboxRequest, defaultPerPage: Int) {
        let requestedPage = request["page"].flatMap { Int($0.trimmed) } ?? 1
        page = max(1, requestedPage)
        let requested = request["per_page"].flatMap { Int($0.trimmed) } ?? defaultPerPage
        perPage = requested < 1 ? defaultPerPage : min(requested, Self.maximum)
    }

    /// The slice of `0..<count` this page covers (empty past the end).
    func range(count: Int) -> Range<Int> {
        let start = (page - 1).multipliedReportingOverflow(by: perPage)
        guard !start.overflow, start.partialValue < count else { return count..<count }
        return start.partialValue..<min(count, start.partialValue + perPage)
    }
}
