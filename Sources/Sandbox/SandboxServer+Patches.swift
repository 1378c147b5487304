import Foundation
import Synchronization

extension SandboxServer {
    /// Replaces the record patches applied to the following Chargify responses (lists and single gets).
    public func setRecordPatches(_ patches: [RecordPatch]) {
        state.withLock { $0.patches = patches }
    }

    /// Applies the record patches to a successful Chargify GET of customers, subscriptions or invoices.
    /// Only a response holding a patched record is re-serialised; every other body goes out as encoded.
    func applyingPatches(_ response: SandboxResponse, to request: SandboxRequest) -> SandboxResponse {
        let patches = state.withLock { $0.patches }
        let segments = request.path.split(separator: "/").map(String.init)
        guard !patches.isEmpty, request.method == "GET", response.isSuccess, let first = segments.first,
            segments.count <= 2, segments.last?.hasSuffix(".json") == true
        else { return response }
        let resource: RecordPatch.Resource
        switch first.replacingOccurrences(of: ".json", with: "") {
        case "customers": resource = .customer
        case "subscriptions": resource = .subscription
        case "invoices": resource = .invoice
        default: return response
        }
        let relevant = patches.filter { $0.resource == resource }
        guard !relevant.isEmpty,
            let body = try? JSONSerialization.jsonObject(with: Data(response.body), options: [.fragmentsAllowed])
        else { return response }
        var changed = false
        let placed = relevant.enumerated().map { index, patch in
            var patch = patch
            if patch.literal { patch.json = "\"\(Self.literalPlaceholder(index))\"" }
            return patch
        }
        let patched = Self.patch(body, resource: resource, patches: placed, changed: &changed)
        guard changed, let data = try? JSONSerialization.data(withJSONObject: patched, options: []) else {
            return response
        }
        var out = response
        out.body = Array(data)
        // Literal patches went in as placeholder strings; each is replaced by its text, byte for byte.
        if relevant.contains(where: \.literal) {
            var text = String(decoding: data, as: UTF8.self)
            for (index, patch) in relevant.enumerated() where patch.literal {
                text = text.replacingOccurrences(
                    of: "\"\(Self.literalPlaceholder(index))\"", with: patch.json ?? "null")
            }
            out.body = Array(text.utf8)
        }
        return out
    }

    /// A string no generated record holds, standing for literal patch `index` until the body is serialised.
    static func literalPlaceholder(_ index: Int) -> String { "billtop-sandbox-literal-\(index)" }

    /// Walks the shapes Chargify serves: `[{"customer": {...}}]`, `{"invoices": [...]}`, `{"customer": {...}}`.
    static func patch(_ body: Any, resource: RecordPatch.Resource, patches: [RecordPatch], changed: inout Bool) -> Any {
        let wrapper = resource.rawValue
        if let list = body as? [Any] {
            return list.map { element -> Any in
                guard var object = element as? [String: Any] else { return element }
                if let inner = object[wrapper] as? [String: Any] {
                    object[wrapper] = patchRecord(inner, patches: patches, changed: &changed)
                    return object
                }
                return patchRecord(object, patches: patches, changed: &changed)
            }
        }
        guard var object = body as? [String: Any] else { return body }
        if let inner = object[wrapper] as? [String: Any] {
            object[wrapper] = patchRecord(inner, patches: patches, changed: &changed)
        } else if let list = object[wrapper + "s"] as? [Any] {
            object[wrapper + "s"] = list.map { element -> Any in
                guard let record = element as? [String: Any] else { return element }
                return patchRecord(record, patches: patches, changed: &changed)
            }
        } else {
            return patchRecord(object, patches: patches, changed: &changed)
        }
        return object
    }

    static func patchRecord(_ record: [String: Any], patches: [RecordPatch], changed: inout Bool) -> [String: Any] {
        let identity = record["uid"] ?? record["id"]
        let id = (identity as? String) ?? (identity as? NSNumber)?.stringValue
        var out = record
        for patch in patches where patch.id == id {
            if let json = patch.json {
                // Text that is not JSON changes nothing (a typo in a test must not read as "field removed").
                guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
                else { continue }
                out[patch.field] = value
            } else {
                out.removeValue(forKey: patch.field)
            }
            changed = true
        }
        return out
    }
}
