/// The SQLite store is a `RecordStore` through the methods it already has; only the failure line is added.
extension BillingStore: RecordStore {
    public func writeFailure(_ error: any Error) -> String {
        StoreOpenError.writeFailure(error, path: path).message
    }
}
