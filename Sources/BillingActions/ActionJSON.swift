import Foundation

/// JSON text for action bodies and journal parameters: sorted keys, so the same action always reads the same.
enum ActionJSON {
    static func text(_ object: [String: any Sendable]) -> String {
        String(decoding: data(object), as: UTF8.self)
    }

    static func data(_ object: [String: any Sendable]) -> Data {
        // Only strings, bools, arrays and objects made here: serialising cannot fail.
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
    }

    /// A journal's parameters back as an object ({} when unreadable: a resumed attempt then sends no body).
    static func object(_ text: String) -> [String: any Sendable] {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return [:]
        }
        return sendable(parsed)
    }

    private static func sendable(_ object: [String: Any]) -> [String: any Sendable] {
        object.mapValues(value)
    }

    /// Parameters hold only strings, lists of strings and objects (billtop makes them): anything else is read
    /// as its text.
    private static func value(_ any: Any) -> any Sendable {
        switch any {
        case let object as [String: Any]: sendable(object)
        case let array as [Any]: array.map(value)
        case let text as String: text
        default: "\(any)"
        }
    }
}
