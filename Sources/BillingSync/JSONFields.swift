/// The fields of one JSON object, in the order sent. Records have a few dozen fields and are read once,
/// so a linear search beats building a hash table for each of them; a repeated key reads as its last value
/// (as JSONSerialization's dictionary did).
struct JSONFields: Sendable {
    var pairs: [(key: String, value: JSONValue)]

    init(_ pairs: [(key: String, value: JSONValue)] = []) { self.pairs = pairs }

    subscript(key: String) -> JSONValue? {
        // Comparing lengths first (O(1) for native strings) skips most keys without a string comparison,
        // which `perf` showed as the mapper's largest single cost.
        let length = key.utf8.count
        var index = pairs.count - 1
        while index >= 0 {
            if pairs[index].key.utf8.count == length, pairs[index].key == key { return pairs[index].value }
            index -= 1
        }
        return nil
    }

    var isEmpty: Bool { pairs.isEmpty }
}
