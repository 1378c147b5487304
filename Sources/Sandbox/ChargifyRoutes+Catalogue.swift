extension ChargifyRoutes {
    /// Maxio's default page sizes of the catalogue listings (every one takes `per_page` up to 200).
    static let componentsPerPage = 20
    static let couponsPerPage = 30
    static let pricePointsPerPage = 20

    /// `GET /components.json`, `/coupons.json` and their per-family forms: paged like every Chargify list
    /// (`page`, `per_page` with the listing's default, clamped to 200), in id order, each element wrapped.
    func pagedList<T>(
        _ name: StaticString, _ items: [T], _ request: SandboxRequest, defaultPerPage: Int,
        _ encode: (T, inout JSONWriter) -> Void
    ) -> SandboxResponse {
        let range = Paging(request, defaultPerPage: defaultPerPage).range(count: items.count)
        return wrappedList(name, Array(items[range]), encode)
    }

    /// `GET /components_price_points.json` (Maxio's "List All Component Price Points", every component's)
    /// or `GET /components/{id}/price_points.json` (`componentID`): `{"price_points": [...]}`, unwrapped
    /// elements, paged (default 20, at most 200), in id order.
    func pricePoints(_ request: SandboxRequest, componentID: Int? = nil) -> SandboxResponse {
        let points =
            componentID.map { id in company.pricePoints.filter { $0.componentID == id } } ?? company.pricePoints
        let range = Paging(request, defaultPerPage: Self.pricePointsPerPage).range(count: points.count)
        var w = JSONWriter(capacity: 700 * range.count + 64)
        w.object { w in
            w.array("price_points") { w in
                for point in points[range] { encoder.pricePoint(point, into: &w) }
            }
        }
        return .json(200, w)
    }
}
