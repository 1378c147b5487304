import Foundation

extension Company {
    /// A component's allocation history, newest first: every seat change the event log records for it (the
    /// generator's plan history and the world's changes emit one event per allocation, as Chargify does), and
    /// the allocations whose events the log no longer holds (`allocationsWithoutEvents`).
    public func allocationHistory(subscriptionID: Int, componentID: Int) -> [SandboxAllocationRecord] {
        var records = allocationsWithoutEvents.filter {
            $0.subscriptionID == subscriptionID && $0.componentID == componentID
        }
        for event in events where event.subscriptionID == subscriptionID && event.key == "component_allocation_change" {
            guard
                let data = try? JSONSerialization.jsonObject(with: Data(event.specificDataJSON.utf8))
                    as? [String: Any],
                data["component_id"] as? Int == componentID, let previous = data["previous_allocation"] as? Int,
                let new = data["new_allocation"] as? Int
            else { continue }
            // The event's id stands for the allocation's (both grow with time).
            records.append(
                SandboxAllocationRecord(
                    id: event.id, subscriptionID: subscriptionID, componentID: componentID, quantity: new,
                    previousQuantity: previous, at: event.createdAt, memo: event.message))
        }
        return records.sorted { ($0.at, $0.id) > ($1.at, $1.id) }
    }
}
