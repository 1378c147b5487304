import BillingCore

/// Truto's unified subscription-management lists and gets (cursor paging over the provider's pages)
/// and the pass-through proxy onto Chargify's endpoints.
struct TrutoRoutes {
    let company: Company
    let engine: ListingEngine
    let plan: FaultPlan
    /// Wall-clock seconds, for cursor expiry.
    let wallClock: Int64
    var encoder: TrutoEncoder { TrutoEncoder(chargify: ChargifyEncoder(company: company)) }

    static let defaultLimit = 25
    static let prefix = "/unified/subscription-management/"

    func handle(_ request: SandboxRequest) -> SandboxResponse {
        if request.path.hasPrefix("/proxy/") { return proxy(request) }
        guard request.method == "GET" else {
            return SandboxAPI.truto.error(
                405, "Only GET is supported on the unified subscription-management model for this integration.")
        }
        let rest = request.path.dropFirst(Self.prefix.count).split(separator: "/").map(String.init)
        guard request.path.hasPrefix(Self.prefix), let resource = rest.first else {
            return SandboxAPI.truto.error(404, "Unknown resource: \(request.path)")
        }
        switch (resource, rest.count) {
        case ("customers", 1): return list(request, resource: "customers")
        case ("invoices", 1): return list(request, resource: "invoices")
        case ("customers", 2):
            guard let customer = Int(rest[1]).flatMap(company.customer(id:)) else { return notFound(rest[1]) }
            var w = JSONWriter()
            encoder.customer(customer, into: &w)
            return .json(200, w)
        case ("invoices", 2):
            guard let invoice = company.invoice(uid: rest[1]) else { return notFound(rest[1]) }
            var w = JSONWriter()
            encoder.invoice(invoice, into: &w)
            return .json(200, w)
        case ("payments", _):
            return SandboxAPI.truto.error(
                400, "The payments resource is not supported for this integration (chargify).")
        default:
            return SandboxAPI.truto.error(404, "Unknown resource: \(resource)")
        }
    }

    private func notFound(_ id: String) -> SandboxResponse {
        var response = SandboxAPI.truto.error(404, "Resource \(id) was not found at the provider.", remote: true)
        response.status = 404
        return response
    }

    /// Resolves `limit`/`next_cursor` into a page, the page size and the filters the cursor carries.
    func cursorPage(_ request: SandboxRequest) -> Result<
        (page: Int, limit: Int, filters: SandboxRequest), SandboxResponse
    > {
        if let raw = request["next_cursor"], !raw.isEmpty {
            guard let cursor = TrutoCursor(encoded: raw) else {
                return .failure(
                    SandboxAPI.truto.error(
                        400, "Invalid next_cursor: pass back the value from the previous page unchanged."))
            }
            if let expiry = plan.cursorExpirySeconds, wallClock - cursor.issuedAt >= Int64(expiry) {
                return .failure(
                    SandboxAPI.truto.error(400, "The cursor has expired: start the listing again without next_cursor."))
            }
            return .success(
                (cursor.page, cursor.limit, SandboxRequest(method: "GET", path: request.path, rawQuery: cursor.filters))
            )
        }
        var limit = Self.defaultLimit
        if let text = request["limit"] {
            guard let value = Int(text.trimmed), value >= 1 else {
                return .failure(SandboxAPI.truto.error(400, "limit must be a positive integer."))
            }
            limit = min(value, Paging.maximum)
        }
        let kept = request.query.filter { !["limit", "next_cursor", "integrated_account_id"].contains($0.0) }
        let filters = kept.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        return .success((1, limit, SandboxRequest(method: "GET", path: request.path, rawQuery: filters)))
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "["), UInt8(ascii: "]"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }

    /// The unified envelope around one page of results.
    func envelope(
        page: Int, limit: Int, filters: SandboxRequest, count: Int, hasMore: Bool? = nil,
        body: (inout JSONWriter) -> Void
    ) -> SandboxResponse {
        var w = JSONWriter(capacity: count * 3_500 + 256)
        let filterText = filters.query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        w.object { w in
            w.array("result", body)
            w.field(
                "next_cursor",
                hasMore ?? (count == limit)
                    ? TrutoCursor(page: page + 1, limit: limit, issuedAt: wallClock, filters: filterText).encoded : nil)
            w.field(
                "prev_cursor",
                page > 1
                    ? TrutoCursor(page: page - 1, limit: limit, issuedAt: wallClock, filters: filterText).encoded : nil)
            w.field("result_count", count)
            w.field("is_partial_response", false)
        }
        return .json(200, w)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
