import Foundation

/// The records of one listing page, decoded in one pass: each object (unwrapped from its envelope) with
/// the raw JSON text of its element exactly as sent, which the store keeps.
struct DecodedList: Sendable {
    var objects: [JSONFields] = []
    /// `texts[i]` is the element `objects[i]` came from (envelope included), byte for byte.
    var texts: [String] = []
    /// Elements in the listing, including any that were not objects.
    var elementCount = 0
    /// Truto's `next_cursor`, when the envelope has one.
    var nextCursor: String?

    /// Parses `data` and takes the array at the root (`key` nil) or under `key` in the root object;
    /// an element `{"name": {...}}` is unwrapped (an element without the envelope is taken as it is).
    /// Throws `JSONBody.NotJSON` when the body is not JSON or not that shape.
    init(_ data: Data, key: String?, unwrapping name: String?) throws {
        let (root, ranges) = try JSONParser.parse(data, elementsOf: key)
        let listed = key.map { root.objectValue?[$0] } ?? root
        guard let array = listed?.arrayValue, ranges.count == array.count else { throw JSONBody.NotJSON() }
        if key != nil, case .string(let cursor)? = root.objectValue?["next_cursor"] { nextCursor = cursor }
        elementCount = array.count
        objects.reserveCapacity(array.count)
        texts.reserveCapacity(array.count)
        data.withUnsafeBytes { raw in
            for (index, element) in array.enumerated() {
                guard let object = element.objectValue else { continue }
                objects.append(name.flatMap { object[$0]?.objectValue } ?? object)
                texts.append(String(decoding: UnsafeRawBufferPointer(rebasing: raw[ranges[index]]), as: UTF8.self))
            }
        }
    }
}
